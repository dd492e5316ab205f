package io.witness.operators.hawkes;

/**
 * The kernel-weighted statistics of spec §A.4 at one set of kernel shapes:
 * {@code A_ij = Σ_τ φ_ij[τ] Φ_j[τ]}, {@code B_ij = Σ_τ φ_ij[τ] Φ^{(i)}_j[τ]},
 * {@code Q_ijk = Σ_{τ,τ'} φ_ij[τ] φ_ik[τ'] Ψ_jk[τ,τ']}, and optionally their derivatives with respect to
 * the shape parameters of kernel (i, j) in the first slot ({@code A'}, {@code B'}, {@code Q'}).
 * The loss and every gradient are then O(p³) formulas in (μ, α). Cost O(p³L² + p³LK) per evaluation,
 * independent of the number of events; {@code Ψ_jk} is rebuilt per pair from the O(p²L) statistics
 * (O(L²) scratch), so no O(p²L²) table is ever stored. Mutable scratch, reused across iterations.
 */
public final class FadinTerms {
    private final int l;
    private final int l1;
    private final int k;
    private int p;
    double[] a;
    double[] b;
    double[] q;
    double[] da;
    double[] db;
    double[] dq;
    private final double[] psi;
    private final double[] u;

    public FadinTerms(int support, int kernelParams) {
        this.l = support;
        this.l1 = support + 1;
        this.k = kernelParams;
        this.psi = new double[l1 * l1];
        this.u = new double[l1];
        resize(0);
    }

    private void resize(int newP) {
        p = newP;
        a = new double[p * p];
        b = new double[p * p];
        q = new double[p * p * p];
        da = new double[p * p * k];
        db = new double[p * p * k];
        dq = new double[p * p * p * k];
    }

    /** Evaluates A, B, Q (and the primes with {@code withGradient}) for kernels already evaluated. */
    public void compute(FadinStatistics st, DiscreteKernels kernels, boolean withGradient) {
        int dim = st.dimension();
        if (dim != p) {
            resize(dim);
        }
        double[] phi = kernels.phiArray();
        double[] dphi = kernels.dphiArray();
        double[] phiJ = new double[p * l1];
        for (int j = 0; j < p; j++) {
            for (int tau = 1; tau <= l; tau++) {
                phiJ[j * l1 + tau] = st.phiCount(j, tau);
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                int ij = i * p + j;
                int base = ij * l1;
                double sa = 0;
                double sb = 0;
                for (int tau = 1; tau <= l; tau++) {
                    sa += phi[base + tau] * phiJ[j * l1 + tau];
                    sb += phi[base + tau] * st.laggedCross(i, j, tau);
                }
                a[ij] = sa;
                b[ij] = sb;
                if (withGradient) {
                    for (int e = 0; e < k; e++) {
                        int dbase = (ij * k + e) * l1;
                        double ta = 0;
                        double tb = 0;
                        for (int tau = 1; tau <= l; tau++) {
                            ta += dphi[dbase + tau] * phiJ[j * l1 + tau];
                            tb += dphi[dbase + tau] * st.laggedCross(i, j, tau);
                        }
                        da[ij * k + e] = ta;
                        db[ij * k + e] = tb;
                    }
                }
            }
        }
        for (int j = 0; j < p; j++) {
            for (int kk = 0; kk < p; kk++) {
                st.psi(j, kk, psi);
                for (int i = 0; i < p; i++) {
                    // u = Ψ_jk φ_ik
                    int bik = (i * p + kk) * l1;
                    for (int tau = 1; tau <= l; tau++) {
                        double s = 0;
                        int row = tau * l1;
                        for (int t2 = 1; t2 <= l; t2++) {
                            s += psi[row + t2] * phi[bik + t2];
                        }
                        u[tau] = s;
                    }
                    int ij = i * p + j;
                    int bij = ij * l1;
                    double s = 0;
                    for (int tau = 1; tau <= l; tau++) {
                        s += phi[bij + tau] * u[tau];
                    }
                    q[(i * p + j) * p + kk] = s;
                    if (withGradient) {
                        for (int e = 0; e < k; e++) {
                            int dbase = (ij * k + e) * l1;
                            double t = 0;
                            for (int tau = 1; tau <= l; tau++) {
                                t += dphi[dbase + tau] * u[tau];
                            }
                            dq[((i * p + j) * p + kk) * k + e] = t;
                        }
                    }
                }
            }
        }
    }

    public int dimension() {
        return p;
    }

    public double a(int i, int j) {
        return a[i * p + j];
    }

    public double b(int i, int j) {
        return b[i * p + j];
    }

    public double q(int i, int j, int kk) {
        return q[(i * p + j) * p + kk];
    }
}
