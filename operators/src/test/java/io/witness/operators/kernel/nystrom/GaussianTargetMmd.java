package io.witness.operators.kernel.nystrom;

import io.witness.operators.kernel.GaussianSampler;

/**
 * MMD between the empirical distribution of a point set and P = N(0, I_d), for the Gaussian kernel
 * {@code exp(−‖x−y‖²/(2ℓ²))}, in closed form (as spec online-methods.md §E.2's table computes it):
 * {@code E_{P×P} k = (ℓ²/(ℓ²+2))^{d/2}}, {@code E_P k(X, y) = (ℓ²/(ℓ²+1))^{d/2} exp(−‖y‖²/(2(ℓ²+1)))}.
 */
final class GaussianTargetMmd {

    private GaussianTargetMmd() {
    }

    static double mmd(double[] x, int[] idx, int d, double ell2) {
        int s = idx.length;
        double pp = Math.pow(ell2 / (ell2 + 2), d / 2.0);
        double cross = 0;
        double self = 0;
        for (int a = 0; a < s; a++) {
            int oa = idx[a] * d;
            double n2 = 0;
            for (int c = 0; c < d; c++) {
                n2 += x[oa + c] * x[oa + c];
            }
            cross += Math.pow(ell2 / (ell2 + 1), d / 2.0) * Math.exp(-n2 / (2 * (ell2 + 1)));
            for (int b = 0; b < s; b++) {
                int ob = idx[b] * d;
                double d2 = 0;
                for (int c = 0; c < d; c++) {
                    double diff = x[oa + c] - x[ob + c];
                    d2 += diff * diff;
                }
                self += Math.exp(-d2 / (2 * ell2));
            }
        }
        double mmd2 = pp - 2 * cross / s + self / ((double) s * s);
        return Math.sqrt(Math.max(0, mmd2));
    }

    /** Empirical MMD between the points {@code idx} and all n points, for any kernel (O(n²)). */
    static double mmdToInput(io.witness.operators.kernel.Kernel k, double[] x, int n, int d, int[] idx) {
        double all = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                all += k.value(x, i * d, x, j * d, d);
            }
        }
        double cross = 0;
        double self = 0;
        for (int a : idx) {
            for (int j = 0; j < n; j++) {
                cross += k.value(x, a * d, x, j * d, d);
            }
            for (int b : idx) {
                self += k.value(x, a * d, x, b * d, d);
            }
        }
        int s = idx.length;
        double mmd2 = all / ((double) n * n) - 2 * cross / ((double) n * s) + self / ((double) s * s);
        return Math.sqrt(Math.max(0, mmd2));
    }

    static int[] all(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    static double[] standardNormal(int n, int d, long seed) {
        GaussianSampler g = new GaussianSampler(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = g.next();
        }
        return x;
    }
}
