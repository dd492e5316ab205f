package io.witness.operators.ksd;

import java.util.SplittableRandom;

/** Monte Carlo helpers for the §B.4.2 level/power experiments (fixed seeds). */
final class KsdSimulation {

    static final int D = 5;
    static final GaussianMixtureModel TARGET = GaussianMixtureModel.gaussian(new double[D], identity(D));

    /** The sampled law of one replication. */
    enum Law {
        NULL,
        /** first coordinate has variance 2 (Jitkrittum et al.'s Gaussian variance difference) */
        GVD,
        /** i.i.d. Laplace coordinates with unit variance */
        LAPLACE
    }

    private KsdSimulation() {
    }

    static double[] identity(int d) {
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            a[i * d + i] = 1;
        }
        return a;
    }

    static double[] sample(Law law, int n, SplittableRandom r) {
        double[] x = new double[n * D];
        for (int i = 0; i < n * D; i++) {
            x[i] = switch (law) {
                case NULL -> gaussian(r);
                case GVD -> i % D == 0 ? Math.sqrt(2) * gaussian(r) : gaussian(r);
                case LAPLACE -> laplace(r);
            };
        }
        return x;
    }

    static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    /** Laplace with scale 1/√2, i.e. variance 1. */
    static double laplace(SplittableRandom r) {
        double u = r.nextDouble() - 0.5;
        return -Math.signum(u) * Math.log1p(-2 * Math.abs(u)) / Math.sqrt(2);
    }

    static double rejectionRate(KsdTest test, Law law, int n, int reps, double alpha, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int rejections = 0;
        for (int rep = 0; rep < reps; rep++) {
            double[] x = sample(law, n, r);
            if (test.run(x, n, TARGET, r.split()).pValue() <= alpha) {
                rejections++;
            }
        }
        return (double) rejections / reps;
    }

    /** The four quadratic-time rows of the §B.4.2 table. */
    static KsdTest imqU(int b) {
        return new KsdTest(SteinKernel.Base.IMQ, 1.0, KsdStatistic.U, KsdBootstrap.Kind.MULTINOMIAL, b, 0);
    }

    static KsdTest imqV(int b) {
        return new KsdTest(SteinKernel.Base.IMQ, 1.0, KsdStatistic.V, KsdBootstrap.Kind.WILD, b, 0);
    }

    static KsdTest gaussU(int b) {
        return new KsdTest(SteinKernel.Base.GAUSSIAN, Double.NaN, KsdStatistic.U, KsdBootstrap.Kind.MULTINOMIAL, b, 0);
    }

    static KsdTest gaussV(int b) {
        return new KsdTest(SteinKernel.Base.GAUSSIAN, Double.NaN, KsdStatistic.V, KsdBootstrap.Kind.WILD, b, 0);
    }
}
