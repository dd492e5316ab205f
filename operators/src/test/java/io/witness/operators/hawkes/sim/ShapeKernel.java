package io.witness.operators.hawkes.sim;

import io.witness.operators.hawkes.KernelFamily;

import java.util.SplittableRandom;

/**
 * A FaDIn kernel family with continuous normalisation on (0, W] (the truth of the simulations:
 * {@code v(t)/∫_0^W v}), sampled by inverse CDF on a fine grid (2¹⁶ cells, linear within a cell), as
 * FaDIn's {@code simu_hawkes_cluster} does.
 */
public final class ShapeKernel implements SimKernel {
    private static final int CELLS = 1 << 16;
    private final KernelFamily family;
    private final double[] theta;
    private final double w;
    private final double z;
    private final double[] cdf;
    private final double max;

    public ShapeKernel(KernelFamily family, double w, double... theta) {
        this.family = family;
        this.theta = theta.clone();
        this.w = w;
        this.cdf = new double[CELLS + 1];
        double h = w / CELLS;
        double acc = 0;
        double m = 0;
        double prev = raw(1e-12 * w);
        for (int c = 1; c <= CELLS; c++) {
            double v = raw(c * h);
            acc += 0.5 * (prev + v) * h;   // trapezoid
            cdf[c] = acc;
            m = Math.max(m, Math.max(prev, v));
            prev = v;
        }
        this.z = acc;
        for (int c = 0; c <= CELLS; c++) {
            cdf[c] /= z;
        }
        // the grid maximum times a margin, as an Ogata bound
        this.max = 1.05 * m / z;
    }

    private double raw(double t) {
        return family.shape().value(t, w, theta, 0);
    }

    @Override
    public double density(double t) {
        return t <= 0 || t > w ? 0 : raw(t) / z;
    }

    @Override
    public double support() {
        return w;
    }

    @Override
    public double max() {
        return max;
    }

    @Override
    public boolean decreasing() {
        return false;
    }

    @Override
    public double cumulative(double t) {
        if (t <= 0) {
            return 0;
        }
        if (t >= w) {
            return 1;
        }
        double x = t / w * CELLS;
        int c = (int) x;
        return cdf[c] + (x - c) * (cdf[c + 1] - cdf[c]);
    }

    @Override
    public double sample(SplittableRandom rng) {
        double u = rng.nextDouble();
        int lo = 0;
        int hi = CELLS;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] <= u) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double span = cdf[hi] - cdf[lo];
        double frac = span > 0 ? (u - cdf[lo]) / span : 0.5;
        return (lo + frac) * w / CELLS;
    }
}
