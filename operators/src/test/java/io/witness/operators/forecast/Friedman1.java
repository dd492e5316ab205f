package io.witness.operators.forecast;

import java.util.SplittableRandom;

/**
 * The Friedman #1 regression data of the spec's check values (§D.5): x ~ U[0,1]^10,
 * y = 10 sin(π x1 x2) + 20 (x3 − ½)² + 10 x4 + 5 x5 + N(0,1), y rescaled to [−1, 1] by its sample min
 * and max. Seeded; our generator is not numpy's, so check values are matched within tolerances.
 */
final class Friedman1 {
    final double[][] x;
    final double[] y;

    Friedman1(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        x = new double[n][10];
        y = new double[n];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < 10; j++) {
                x[t][j] = rnd.nextDouble();
            }
            double[] v = x[t];
            y[t] = 10 * Math.sin(Math.PI * v[0] * v[1]) + 20 * (v[2] - 0.5) * (v[2] - 0.5) + 10 * v[3] + 5 * v[4]
                    + gaussian(rnd);
            min = Math.min(min, y[t]);
            max = Math.max(max, y[t]);
        }
        for (int t = 0; t < n; t++) {
            y[t] = 2 * (y[t] - min) / (max - min) - 1;
        }
    }

    static double gaussian(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
