package io.witness.operators.pksd;

import io.witness.operators.ksd.ScoreModel;
import io.witness.operators.ksd.SymmetricMatrix;

import java.util.List;
import java.util.SplittableRandom;

/**
 * pKSD's perturbation (spec §B.5.2 steps 2–4): a Metropolis–Hastings kernel that leaves the target p
 * invariant and moves points between modes. Per step and point: an ordered mode pair (a, b), a ≠ b,
 * uniformly; the proposal {@code x′ = θμ_b + A(x − θμ_a)} with {@code A = Σ_b^{1/2} Σ_a^{−1/2}} (the
 * spec's row-vector {@code (x − θμ_a) Σ_a^{−1/2} Σ_b^{1/2}} transposed), whose reverse move (b, a) is its
 * exact inverse; accepted with probability {@code min(1, p(x′)/p(x)·|det A|)},
 * {@code log|det A| = ½ log det Σ_b − ½ log det Σ_a}. With one mode the move is the identity.
 * {@link #perturb} applies {@code T − 1} steps, as the reference code does.
 */
public final class JumpPerturbation {

    private final ScoreModel p;
    private final List<Mode> modeList;
    private final int d;
    private final int k;
    private final double[][] mu;
    /** A for each ordered pair (a, b), row-major d×d, at index a·K + b. */
    private final double[][] maps;
    private final double[][] logDet;

    public JumpPerturbation(ScoreModel p, List<Mode> modes) {
        this.p = p;
        this.modeList = List.copyOf(modes);
        this.d = p.dimension();
        this.k = modes.size();
        this.mu = new double[k][];
        double[][] sqrt = new double[k][];
        double[][] invSqrt = new double[k][];
        double[] ld = new double[k];
        for (int i = 0; i < k; i++) {
            Mode m = modes.get(i);
            mu[i] = m.location();
            sqrt[i] = SymmetricMatrix.power(m.covariance(), d, 0.5);
            invSqrt[i] = SymmetricMatrix.power(m.covariance(), d, -0.5);
            ld[i] = SymmetricMatrix.logDet(m.covariance(), d);
        }
        maps = new double[k * k][];
        logDet = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                if (a == b) {
                    continue;
                }
                double[] m = new double[d * d];
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        double s = 0;
                        for (int l = 0; l < d; l++) {
                            s += sqrt[b][i * d + l] * invSqrt[a][l * d + j];
                        }
                        m[i * d + j] = s;
                    }
                }
                maps[a * k + b] = m;
                logDet[a][b] = 0.5 * ld[b] - 0.5 * ld[a];
            }
        }
    }

    /**
     * The same jumps between the same modes, accepted against {@code q}: a refitted model of a
     * fitted-model null draw ({@code FittedNull}) keeps its parent's modes rather than searching again.
     */
    public JumpPerturbation retarget(ScoreModel q) {
        return new JumpPerturbation(q, modeList);
    }

    public int modes() {
        return k;
    }

    /**
     * Returns a copy of the n points of {@code x} after {@code steps − 1} MH jump steps each with jump
     * scale θ (each point perturbed independently).
     */
    public double[] perturb(double[] x, int n, double theta, int steps, SplittableRandom rng) {
        double[] out = x.clone();
        if (k < 2) {
            return out;
        }
        double[] prop = new double[d];
        for (int i = 0; i < n; i++) {
            int off = i * d;
            double logP = p.logDensity(out, off);
            for (int t = 0; t < steps - 1; t++) {
                int a = rng.nextInt(k);
                int b = rng.nextInt(k - 1);
                if (b >= a) {
                    b++;
                }
                double[] m = maps[a * k + b];
                for (int r = 0; r < d; r++) {
                    double s = 0;
                    for (int c = 0; c < d; c++) {
                        s += m[r * d + c] * (out[off + c] - theta * mu[a][c]);
                    }
                    prop[r] = theta * mu[b][r] + s;
                }
                double logProp = p.logDensity(prop, 0);
                double logRatio = logProp - logP + logDet[a][b];
                if (logRatio >= 0 || rng.nextDouble() < Math.exp(logRatio)) {
                    System.arraycopy(prop, 0, out, off, d);
                    logP = logProp;
                }
            }
        }
        return out;
    }
}
