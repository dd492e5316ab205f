package io.witness.operators.nplm;

import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.kernel.GaussianKernel;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ExponentialDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The 1-D toy of spec kernel-tests.md §C.8.2 (Letizia et al. App. C, scaled): reference
 * {@code n(x|0) = N(0)·8e^{−8x}}, {@code N_R} reference draws, data {@code Pois(N(0))} background draws
 * plus {@code Pois(N(S))} signal draws, {@code w = N(0)/N_R}, M centres uniformly from R ∪ D, one Newton
 * step, no standardisation (σ is given in x units, as in the spec's run).
 */
final class ExponentialToy {

    /** The three signals of §C.8.2. */
    enum Signal {
        NONE(0),
        /** 10 events from N(0.8, 0.02²): tail. */
        S1(10),
        /** 90 events from N(0.2, 0.02²): bulk. */
        S2(90),
        /** 90 events from Gamma(3, 1/8): non-resonant. */
        S3(90);

        final int expected;

        Signal(int expected) {
            this.expected = expected;
        }

        double draw(UniformRandomProvider rng) {
            return switch (this) {
                case S1 -> 0.8 + 0.02 * NormalDistribution.of(0, 1).createSampler(rng).sample();
                case S2 -> 0.2 + 0.02 * NormalDistribution.of(0, 1).createSampler(rng).sample();
                case S3 -> GammaDistribution.of(3, 1.0 / 8).createSampler(rng).sample();
                case NONE -> throw new IllegalStateException();
            };
        }
    }

    final FalkonLogisticSolver.Settings settings;
    final int nRef;
    final int expectedBackground;
    final int centres;
    final double lambda;
    final double sigma;

    ExponentialToy(int nRef, int expectedBackground, int centres, double lambda, double sigma) {
        this.nRef = nRef;
        this.expectedBackground = expectedBackground;
        this.centres = centres;
        this.lambda = lambda;
        this.sigma = sigma;
        this.settings = FalkonLogisticSolver.Settings.nplm(lambda);
    }

    /** The spec's configuration: N_R = 20 000, N(0) = 2 000, M = 300, λ = 1e−6, σ = 0.28. */
    static ExponentialToy spec() {
        return new ExponentialToy(20_000, 2_000, 300, 1e-6, 0.28);
    }

    static UniformRandomProvider rng(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return r::nextLong;
    }

    /** t of one toy with fresh reference and data drawn from {@code seed}. */
    double t(ComputeBackend backend, Signal signal, long seed) {
        UniformRandomProvider rng = rng(seed);
        var exp = ExponentialDistribution.of(1.0 / 8).createSampler(rng);
        double[] ref = new double[nRef];
        for (int i = 0; i < nRef; i++) {
            ref[i] = exp.sample();
        }
        int nb = PoissonDistribution.of(expectedBackground).createSampler(rng).sample();
        int ns = signal == Signal.NONE ? 0 : PoissonDistribution.of(signal.expected).createSampler(rng).sample();
        double[] data = new double[nb + ns];
        for (int i = 0; i < nb; i++) {
            data[i] = exp.sample();
        }
        for (int i = 0; i < ns; i++) {
            data[nb + i] = signal.draw(rng);
        }
        TrainingSet set = TrainingSet.of(ref, nRef, data, data.length, 1, (double) expectedBackground / nRef);
        NplmFitter fitter = new NplmFitter(sigma, centres, settings);
        return fitter.fit(backend, set, rng.nextLong()).t();
    }

    /** t of {@code runs} toys, seeds {@code base + i}. */
    double[] ts(ComputeBackend backend, Signal signal, int runs, long base) {
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            t[i] = t(backend, signal, base + i);
        }
        return t;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return ChiSquaredDofFit.median(s);
    }
}
