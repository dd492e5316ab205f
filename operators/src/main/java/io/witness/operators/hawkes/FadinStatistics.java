package io.witness.operators.hawkes;

/**
 * The sufficient statistics of a record {@code [first, G]} at a refit (spec §A.4), weighted by
 * {@code γ^{G−s}} (γ = 1: plain counts). Everything the loss needs, in O(p²·L) numbers, independent of
 * the number of events:
 * <ul>
 * <li>{@code T' = Δ Σ_s γ^{G−s}} ({@code (G+1)Δ} without forgetting);</li>
 * <li>{@code N_i};</li>
 * <li>{@code Φ_j[τ] = Σ_s γ^{G−s} z_j[s−τ] = γ^{−τ}(N_j − Σ_{m<τ} γ^m z_j[G−m])};</li>
 * <li>{@code Φ^{(i)}_j[τ] = Σ_s γ^{G−s} z_i[s] z_j[s−τ] = C_ji[τ]};</li>
 * <li>{@code Ψ_jk[τ,τ'] = Σ_s γ^{G−s} z_j[s−τ] z_k[s−τ']}, exact: for τ ≥ τ' with δ = τ−τ',
 * {@code γ^{−τ'}(C_jk[δ] − Σ_{m=δ}^{τ−1} γ^{m−δ} z_j[G−m] z_k[G−m+δ])} (the Toeplitz term minus the
 * pairs that fall off the end of the record), and the mirror image for τ < τ'.</li>
 * </ul>
 * Immutable.
 */
public final class FadinStatistics {
    private final int p;
    private final int l;
    private final int l1;
    private final double delta;
    private final double gamma;
    private final double tPrime;
    private final double[] n;
    private final double[] c;
    private final int[] tail;
    private final double[] gammaPow;

    /**
     * @param c    {@code C_jk[d]} at {@code (j·p + k)·(L+1) + d}, weighted by γ^{G − later bin}
     * @param tail {@code z_j[G − m]} at {@code j·(L+1) + m}, m = 0..L
     */
    FadinStatistics(int p, int l, double delta, double gamma, double tPrime, double[] n, double[] c, int[] tail) {
        this.p = p;
        this.l = l;
        this.l1 = l + 1;
        this.delta = delta;
        this.gamma = gamma;
        this.tPrime = tPrime;
        this.n = n;
        this.c = c;
        this.tail = tail;
        this.gammaPow = new double[l1 + 1];
        for (int m = 0; m <= l1; m++) {
            gammaPow[m] = Math.pow(gamma, m);
        }
    }

    public int dimension() {
        return p;
    }

    public int support() {
        return l;
    }

    public double delta() {
        return delta;
    }

    /** T' (the weighted record length). */
    public double tPrime() {
        return tPrime;
    }

    /** N_i (weighted). */
    public double count(int i) {
        return n[i];
    }

    /** N_T = Σ_i N_i. */
    public double totalCount() {
        double s = 0;
        for (double v : n) {
            s += v;
        }
        return s;
    }

    /** {@code C_jk[d]}: pairs "j, then k d bins later", weighted by the later event. */
    public double cross(int j, int k, int d) {
        return c[(j * p + k) * l1 + d];
    }

    /** {@code Φ_j[τ]}. */
    public double phiCount(int j, int tau) {
        double recent = 0;
        for (int m = 0; m < tau; m++) {
            recent += gammaPow[m] * tail[j * l1 + m];
        }
        return (n[j] - recent) / gammaPow[tau];
    }

    /** {@code Φ^{(i)}_j[τ]} (lagged cross-counts, "j then i τ bins later"). */
    public double laggedCross(int i, int j, int tau) {
        return c[(j * p + i) * l1 + tau];
    }

    /** Fills {@code out[τ·(L+1) + τ'] = Ψ_jk[τ, τ']}, τ, τ' = 0..L. O(L²). */
    public void psi(int j, int k, double[] out) {
        // τ ≥ τ': δ = τ − τ', border term accumulated over τ for each δ
        for (int d = 0; d <= l; d++) {
            double toeplitz = c[(j * p + k) * l1 + d];
            double border = 0;
            for (int tau = d; tau <= l; tau++) {
                if (tau > d) {
                    int m = tau - 1;
                    border += gammaPow[m - d] * tail[j * l1 + m] * tail[k * l1 + m - d];
                }
                int tau2 = tau - d;
                out[tau * l1 + tau2] = (toeplitz - border) / gammaPow[tau2];
            }
        }
        // τ < τ': δ = τ' − τ, roles of j and k swapped
        for (int d = 1; d <= l; d++) {
            double toeplitz = c[(k * p + j) * l1 + d];
            double border = 0;
            for (int tau2 = d; tau2 <= l; tau2++) {
                if (tau2 > d) {
                    int m = tau2 - 1;
                    border += gammaPow[m - d] * tail[k * l1 + m] * tail[j * l1 + m - d];
                }
                int tau = tau2 - d;
                out[tau * l1 + tau2] = (toeplitz - border) / gammaPow[tau];
            }
        }
    }

    /** Per-bin forgetting factor γ. */
    public double gamma() {
        return gamma;
    }
}
