package io.witness.operators.compute;

import io.witness.operators.kernel.FeatureMap;
import io.witness.operators.kernel.Kernel;

/**
 * The backend operations written the slow, obvious way from {@link Kernel#value} and
 * {@link FeatureMap#map}: the reference every backend is compared with. Each method also returns, in
 * {@code magnitude}, the sum of the absolute values of the terms behind each output, which scales the
 * tolerance of a sum.
 */
public final class NaiveKernelAlgebra {

    private NaiveKernelAlgebra() {
    }

    public static double[] gram(Kernel k, double[] a, int n, double[] b, int m, int d) {
        double[] out = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                out[i * m + j] = k.value(a, i * d, b, j * d, d);
            }
        }
        return out;
    }

    public static double[] kernelTimes(Kernel k, double[] a, int n, double[] b, int m, int d, double[] v, int c,
                                       double[] magnitude) {
        double[] out = new double[n * c];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double kij = k.value(a, i * d, b, j * d, d);
                for (int r = 0; r < c; r++) {
                    out[i * c + r] += kij * v[j * c + r];
                    magnitude[i * c + r] += Math.abs(kij * v[j * c + r]);
                }
            }
        }
        return out;
    }

    public static double[] rowSums(Kernel k, double[] a, int n, double[] b, int m, int d, double[] magnitude) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double kij = k.value(a, i * d, b, j * d, d);
                out[i] += kij;
                magnitude[i] += Math.abs(kij);
            }
        }
        return out;
    }

    public static double[] columnSums(Kernel k, double[] a, int n, double[] b, int m, int d, double[] magnitude) {
        double[] out = new double[m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double kij = k.value(a, i * d, b, j * d, d);
                out[j] += kij;
                magnitude[j] += Math.abs(kij);
            }
        }
        return out;
    }

    public static double[] featureMap(FeatureMap map, double invSigma, double[] x, int n) {
        int dim = map.outputDim();
        double[] out = new double[n * dim];
        for (int i = 0; i < n; i++) {
            map.map(x, i * map.inputDim(), invSigma, out, i * dim);
        }
        return out;
    }

    /** {@code K_nmᵀ (w ∘ (K_nm v))}. */
    public static double[] knmTransposeKnm(Kernel k, double[] x, int n, double[] c, int m, int d, double[] w,
                                           double[] v, double[] magnitude) {
        double[] u = new double[n];
        double[] uMag = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double kij = k.value(x, i * d, c, j * d, d);
                u[i] += kij * v[j];
                uMag[i] += Math.abs(kij * v[j]);
            }
            double wi = w == null ? 1.0 : w[i];
            u[i] *= wi;
            uMag[i] *= Math.abs(wi);
        }
        double[] out = new double[m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double kij = k.value(x, i * d, c, j * d, d);
                out[j] += kij * u[i];
                magnitude[j] += Math.abs(kij) * uMag[i];
            }
        }
        return out;
    }
}
