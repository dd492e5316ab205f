package io.witness.operators.pksd;

import io.witness.operators.ksd.GaussianMixtureModel;

import java.util.SplittableRandom;

/** The §B.5.5 experiment: target ½N(0,1) + ½N(δ,1), sample N(0,1), n = 200, T = 10, 21 jump scales. */
final class PksdSimulation {

    static final int N = 200;

    /** The three rejection rates (KSD, spKSD, ospKSD) and the number of modes found in the last replication. */
    record Row(double ksd, double spksd, double ospksd, int modes) {
    }

    private PksdSimulation() {
    }

    static GaussianMixtureModel target(double delta) {
        return new GaussianMixtureModel(new double[] {0.5, 0.5}, new double[][] {{0}, {delta}},
                new double[][] {{1}, {1}});
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log1p(-r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static Row run(double delta, int reps, int draws, boolean withOsp, long seed) {
        GaussianMixtureModel p = target(delta);
        PerturbedKsd tests = new PerturbedKsd(10, PerturbedKsd.defaultThetas(), draws);
        SplittableRandom r = new SplittableRandom(seed);
        int ksd = 0;
        int sp = 0;
        int osp = 0;
        int modes = 0;
        for (int rep = 0; rep < reps; rep++) {
            double[] x = new double[N];
            for (int i = 0; i < N; i++) {
                x[i] = gaussian(r);
            }
            JumpPerturbation jumps = PerturbedKsd.perturbationFor(p, N / 4, r.split());
            modes = jumps.modes();
            if (tests.ksd(x, N, p, r.split()).pValue() <= 0.05) {
                ksd++;
            }
            if (tests.spksd(x, N, p, jumps, r.split()).pValue() <= 0.05) {
                sp++;
            }
            if (withOsp && tests.ospksd(x, N, p, jumps, r.split()).pValue() <= 0.05) {
                osp++;
            }
        }
        return new Row((double) ksd / reps, (double) sp / reps, withOsp ? (double) osp / reps : Double.NaN, modes);
    }
}
