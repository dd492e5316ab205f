package io.witness.operators.hawkes;

/**
 * Test reference: the §A.4 statistics computed by their definitions from the whole binned record
 * {@code z_j[s]}, s = first..G, weighted by {@code γ^{G−s}} — O(p²L²G), no streaming tricks.
 */
final class BatchStatistics {
    final int p;
    final int l;
    final long first;
    final long end;
    final double gamma;
    final double[][] z;

    BatchStatistics(int p, int l, long first, long end, double gamma, java.util.List<long[]> events) {
        this.p = p;
        this.l = l;
        this.first = first;
        this.end = end;
        this.gamma = gamma;
        this.z = new double[p][(int) (end - first + 1)];
        for (long[] e : events) {
            z[(int) e[0]][(int) (e[1] - first)]++;
        }
    }

    private double z(int j, long s) {
        return s < first || s > end ? 0 : z[j][(int) (s - first)];
    }

    private double w(long s) {
        return Math.pow(gamma, end - s);
    }

    double tPrime(double delta) {
        double t = 0;
        for (long s = first; s <= end; s++) {
            t += w(s);
        }
        return t * delta;
    }

    double count(int i) {
        double n = 0;
        for (long s = first; s <= end; s++) {
            n += w(s) * z(i, s);
        }
        return n;
    }

    double phiCount(int j, int tau) {
        double v = 0;
        for (long s = first; s <= end; s++) {
            v += w(s) * z(j, s - tau);
        }
        return v;
    }

    double laggedCross(int i, int j, int tau) {
        double v = 0;
        for (long s = first; s <= end; s++) {
            v += w(s) * z(i, s) * z(j, s - tau);
        }
        return v;
    }

    double psi(int j, int k, int tau, int tau2) {
        double v = 0;
        for (long s = first; s <= end; s++) {
            v += w(s) * z(j, s - tau) * z(k, s - tau2);
        }
        return v;
    }

    /** The discretised ℓ2 loss evaluated directly on the grid (spec §A.3), for the given kernels. */
    double directLoss(HawkesParameters th, DiscreteKernels kernels, double delta) {
        double total = 0;
        double nt = 0;
        for (int i = 0; i < p; i++) {
            nt += count(i);
            for (long s = first; s <= end; s++) {
                double lam = th.mu()[i];
                for (int j = 0; j < p; j++) {
                    for (int tau = 1; tau <= l; tau++) {
                        lam += th.alpha(i, j) * kernels.phi(i, j, tau) * z(j, s - tau);
                    }
                }
                total += w(s) * (delta * lam * lam - 2 * z(i, s) * lam);
            }
        }
        return total / nt;
    }
}
