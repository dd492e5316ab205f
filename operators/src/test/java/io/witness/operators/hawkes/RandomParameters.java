package io.witness.operators.hawkes;

import java.util.SplittableRandom;

/** Test helper: feasible random parameters of any family. */
final class RandomParameters {
    private RandomParameters() {
    }

    static HawkesParameters draw(KernelFamily fam, int p, HawkesGrid grid, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int k = fam.shape().parameterCount();
        double w = grid.w();
        double[] mu = new double[p];
        double[] al = new double[p * p];
        double[] eta = new double[p * p * k];
        for (int i = 0; i < p; i++) {
            mu[i] = 0.2 + r.nextDouble();
            for (int j = 0; j < p; j++) {
                al[i * p + j] = 0.05 + 0.4 * r.nextDouble();
                int off = (i * p + j) * k;
                switch (fam) {
                    case TRUNCATED_GAUSSIAN -> {
                        eta[off] = w * (0.1 + 0.8 * r.nextDouble());
                        eta[off + 1] = w * (0.1 + 0.3 * r.nextDouble());
                    }
                    case TRUNCATED_EXPONENTIAL -> eta[off] = (0.5 + 5 * r.nextDouble()) / w;
                    case RAISED_COSINE -> {
                        eta[off + 1] = w * (0.15 + 0.2 * r.nextDouble());
                        eta[off] = (w - 2 * eta[off + 1]) * r.nextDouble();
                    }
                    case KUMARASWAMY -> {
                        eta[off] = 1.2 + 2 * r.nextDouble();
                        eta[off + 1] = 1.5 + 3 * r.nextDouble();
                    }
                }
                fam.shape().project(eta, off, w, grid.delta());
            }
        }
        return new HawkesParameters(fam, mu, al, eta);
    }
}
