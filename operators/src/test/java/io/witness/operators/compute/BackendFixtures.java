package io.witness.operators.compute;

import io.witness.operators.kernel.FeatureMap;
import io.witness.operators.kernel.GaussianKernel;
import io.witness.operators.kernel.ImqKernel;
import io.witness.operators.kernel.Kernel;
import io.witness.operators.kernel.LaplaceKernel;
import io.witness.operators.kernel.Matern32Kernel;
import io.witness.operators.kernel.Matern52Kernel;
import java.util.List;
import java.util.SplittableRandom;

/** Inputs shared by the backend tests: every kernel family, points, feature maps. */
public final class BackendFixtures {

    private BackendFixtures() {
    }

    /** Every family (IMQ twice: the β = −1/2 fast path and the general power), bandwidths scaled with √d. */
    public static List<Kernel> kernels(int d) {
        double r = Math.sqrt(d);
        return List.of(
                new GaussianKernel(0.9 * r),
                new LaplaceKernel(0.7 * d),
                new ImqKernel(1.1 * r),
                new ImqKernel(0.8 * r, 0.7, -0.3),
                new Matern32Kernel(1.2 * r),
                new Matern52Kernel(0.8 * r));
    }

    /** n points, coordinates uniform in [−1, 1) plus a per-point offset so that norms vary. */
    public static double[] points(int n, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            double shift = rnd.nextDouble(-0.5, 0.5);
            for (int k = 0; k < d; k++) {
                x[i * d + k] = rnd.nextDouble(-1, 1) + shift;
            }
        }
        return x;
    }

    public static double[] values(int len, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            v[i] = rnd.nextDouble(-1, 1);
        }
        return v;
    }

    /** A feature map with Gaussian-ish projections, for either form. */
    public static FeatureMap featureMap(FeatureMap.Form form, int d, int projections, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] w = new double[projections * d];
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextDouble(-1.7, 1.7);
        }
        double scale = 1.0 / Math.sqrt(projections);
        return new FeatureMap() {
            @Override
            public Form form() {
                return form;
            }

            @Override
            public int inputDim() {
                return d;
            }

            @Override
            public int projections() {
                return projections;
            }

            @Override
            public double[] projection() {
                return w;
            }

            @Override
            public double scale() {
                return scale;
            }
        };
    }

    /** Fails unless {@code |actual − expected| ≤ tol · (1 + magnitude)} element by element. */
    public static void assertClose(String what, double[] expected, double[] actual, double[] magnitude, double tol) {
        if (actual.length < expected.length) {
            throw new AssertionError(what + ": output too short");
        }
        for (int i = 0; i < expected.length; i++) {
            double scale = 1.0 + (magnitude == null ? Math.abs(expected[i]) : magnitude[i]);
            double err = Math.abs(actual[i] - expected[i]);
            if (!(err <= tol * scale)) {
                throw new AssertionError(what + ": element " + i + " expected " + expected[i] + " got " + actual[i]
                        + " (error " + err + " > " + tol * scale + ")");
            }
        }
    }
}
