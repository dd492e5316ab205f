package io.witness.operators.kernel.features;

import io.witness.operators.kernel.GaussianSampler;

/**
 * Draws the projection matrix W ({@code m × d}, row-major) of a random feature map under a
 * {@link FeatureCoupling} (spec online-methods.md §E.1). IID draws the m·d normals row by row (exactly
 * as {@link io.witness.operators.kernel.RandomFourierFeatures} does, so the same sampler gives the same
 * W). The coupled kinds work in independent blocks of d rows; for each block, in this order: the d
 * norms {@code ρ_i ~ χ_d} (each the length of a fresh d-dimensional normal vector, so the law is exact),
 * then the Haar rotation R, then {@code W_block = diag(ρ)·R} (ORF) or {@code diag(ρ)·S·R} (SimRF,
 * SimRF+ refining S for the block's ρ first). When m is not a multiple of d the last block is drawn
 * whole and its first {@code m mod d} rows kept, which leaves every row's marginal law N(0, I_d).
 *
 * <p>d = 1 has no simplex; SIMPLEX and SIMPLEX_PLUS then draw ORF blocks (a 1-row block is ±ρ either way).
 * Cost: O(d³) per block (QR), O(m·d) memory. Deterministic given the sampler's seed.
 */
public final class CoupledProjections {

    private CoupledProjections() {
    }

    public static double[] draw(FeatureCoupling coupling, int d, int m, GaussianSampler sampler) {
        if (d < 1 || m < 1) {
            throw new IllegalArgumentException("dimension and projections must be ≥ 1, got d=" + d + ", m=" + m);
        }
        double[] w = new double[m * d];
        if (coupling == FeatureCoupling.IID) {
            for (int i = 0; i < w.length; i++) {
                w[i] = sampler.next();
            }
            return w;
        }
        boolean simplex = d >= 2 && (coupling == FeatureCoupling.SIMPLEX || coupling == FeatureCoupling.SIMPLEX_PLUS);
        double[] rho = new double[d];
        double[] block = new double[d * d];
        for (int start = 0; start < m; start += d) {
            for (int i = 0; i < d; i++) {
                rho[i] = chi(d, sampler);
            }
            double[] r = HaarRotation.draw(d, sampler);
            if (simplex) {
                double[] s = RegularSimplex.directions(d);
                if (coupling == FeatureCoupling.SIMPLEX_PLUS) {
                    RegularSimplex.refineForNorms(s, rho, d);
                }
                multiply(s, r, d, block);
            } else {
                System.arraycopy(r, 0, block, 0, d * d);
            }
            int rows = Math.min(d, m - start);
            for (int i = 0; i < rows; i++) {
                for (int k = 0; k < d; k++) {
                    w[(start + i) * d + k] = rho[i] * block[i * d + k];
                }
            }
        }
        return w;
    }

    /** A χ_d variate: the Euclidean length of d standard normals. */
    static double chi(int d, GaussianSampler sampler) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            double z = sampler.next();
            s += z * z;
        }
        return Math.sqrt(s);
    }

    /** {@code out = a·b} for row-major d × d matrices (tiny; a library call would cost more than it does). */
    private static void multiply(double[] a, double[] b, int d, double[] out) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += a[i * d + k] * b[k * d + j];
                }
                out[i * d + j] = s;
            }
        }
    }
}
