package io.witness.operators.bandit;

import io.witness.operators.kernel.Kernel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** The batch GP posterior by direct inversion (EJML), the reference the incremental forms must equal. */
final class GpReference {
    final double mean;
    final double variance;

    private GpReference(double mean, double variance) {
        this.mean = mean;
        this.variance = variance;
    }

    /** Posterior at x from n points (row-major n × d) with rewards y, regulariser λ. */
    static GpReference at(Kernel k, double[] xs, double[] ys, int n, int d, double lambda, double[] x, int off) {
        DMatrixRMaj kl = new DMatrixRMaj(n, n);
        DMatrixRMaj kx = new DMatrixRMaj(n, 1);
        DMatrixRMaj y = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                kl.set(i, j, k.value(xs, i * d, xs, j * d, d) + (i == j ? lambda : 0));
            }
            kx.set(i, 0, k.value(xs, i * d, x, off, d));
            y.set(i, 0, ys[i]);
        }
        DMatrixRMaj inv = new DMatrixRMaj(n, n);
        CommonOps_DDRM.invert(kl, inv);
        DMatrixRMaj b = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.mult(inv, kx, b);
        double mean = 0;
        double quad = 0;
        for (int i = 0; i < n; i++) {
            mean += b.get(i, 0) * ys[i];
            quad += b.get(i, 0) * kx.get(i, 0);
        }
        return new GpReference(mean, k.value(x, off, x, off, d) - quad);
    }

    /** ½ ln det(I + λ⁻¹K). */
    static double informationGain(Kernel k, double[] xs, int n, int d, double lambda) {
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a.set(i, j, k.value(xs, i * d, xs, j * d, d) / lambda + (i == j ? 1 : 0));
            }
        }
        return 0.5 * Math.log(CommonOps_DDRM.det(a));
    }
}
