package io.witness.operators.kernel.nystrom;

import io.witness.operators.kernel.Kernel;

import java.util.SplittableRandom;

/**
 * KT-SPLIT (spec online-methods.md §E.2; Dwivedi &amp; Mackey, {@code goodpoints.kt.split_X}): r halving
 * rounds over the points in input order, giving {@code 2^r} candidate coresets of {@code n >> r}
 * points each. Level j holds {@code 2^j} coresets; whenever a level-j coreset has received a new pair
 * {@code (x₁, x₂)} the pair is split between its two children by a self-balancing Hilbert walk:
 * <pre>
 * b² = k(x₁,x₁) + k(x₂,x₂) − 2k(x₁,x₂)
 * a  = max(b·σ_j·√(2 ln(2nr/δ) − 2j ln 2), b²)
 * σ_j² ← b² if σ_j² = 0, else σ_j² += 2b²·max(0, ½ + (b²/(2a) − 1)·σ_j²/a)
 * g  = Σ_{y ∈ parent, before the pair} [k(y,x₁) − k(y,x₂)] − 2 Σ_{y ∈ left child} [k(y,x₁) − k(y,x₂)]
 * with probability ½(1 − g/a): x₂ → left, x₁ → right; otherwise the reverse.
 * </pre>
 * O(n·d) memory: kernel values are recomputed, never stored as a matrix; about {@code n²/2 + n²/4}
 * kernel evaluations.
 *
 * <p>One deliberate difference from the reference Python: there, the running kernel sums kept for a
 * <em>right</em> child are its points' sums against the <em>left</em> sibling, so g is only approximate
 * whenever a right child is halved again. Here every child's sums are exact — the right child's follow
 * for free as (parent sum before the pair) − (left child sum).
 */
final class KtSplit {

    private KtSplit() {
    }

    /**
     * @return {@code 2^rounds} coresets, each an array of {@code n >> rounds} row indices into x
     */
    static int[][] split(Kernel k, double[] x, int n, int d, int rounds, double delta, SplittableRandom rnd) {
        if (rounds < 0 || (n >> rounds) < 1) {
            throw new IllegalArgumentException("cannot halve " + n + " points " + rounds + " times");
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
        int[][][] coresets = new int[rounds + 1][][];
        // kc[j][c][p]: Σ of k(coreset point p, earlier points of the same coreset)
        double[][][] kc = new double[rounds + 1][][];
        double[][] sigmaSq = new double[rounds + 1][];
        for (int j = 0; j <= rounds; j++) {
            int count = 1 << j;
            coresets[j] = new int[count][n >> j];
            kc[j] = new double[count][n >> j];
            sigmaSq[j] = new double[count];
        }
        if (rounds == 0) {
            for (int i = 0; i < n; i++) {
                coresets[0][0][i] = i;
            }
            return coresets[0];
        }
        double[] diag = new double[n];
        double logMultiplier = 2.0 * Math.log(2.0 * n * rounds / delta);
        double twoLog2 = 2.0 * Math.log(2.0);
        // Only the first (n >> rounds) << rounds points can reach the last level; the rest are ignored,
        // as the reference does (coresets of size floor(n / 2^r)).
        int used = (n >> rounds) << rounds;
        for (int i = 0; i < used; i++) {
            coresets[0][0][i] = i;
            double sum = 0;
            for (int l = 0; l < i; l++) {
                sum += k.value(x, i * d, x, l * d, d);
            }
            kc[0][0][i] = sum;
            diag[i] = k.value(x, i * d, x, i * d, d);
            int levels = Math.min(rounds, Integer.numberOfTrailingZeros(i + 1));
            for (int j = 0; j < levels; j++) {
                int parents = 1 << j;
                double jLog = logMultiplier - j * twoLog2;
                int parentSize = (i + 1) / parents;
                int childIdx = parentSize / 2 - 1;
                for (int c = 0; c < parents; c++) {
                    int[] parent = coresets[j][c];
                    int p1 = parent[parentSize - 2];
                    int p2 = parent[parentSize - 1];
                    double k12 = k.value(x, p1 * d, x, p2 * d, d);
                    double b2 = diag[p1] + diag[p2] - 2.0 * k12;
                    double sig = sigmaSq[j][c];
                    double thresh = Math.max(Math.sqrt(sig * b2 * jLog), b2);
                    if (sig == 0) {
                        sigmaSq[j][c] = b2;
                    } else if (thresh != 0) {
                        double update = 0.5 + (b2 / (2.0 * thresh) - 1.0) * sig / thresh;
                        if (update > 0) {
                            sigmaSq[j][c] = sig + 2.0 * b2 * update;
                        }
                    }
                    if (thresh == 0) {
                        thresh = 1.0; // b² = 0 too: the two points are the same function, either order
                    }
                    // parent sums over the points before the pair (kc of p2 includes k(x1, x2))
                    double parent1 = kc[j][c][parentSize - 2];
                    double parent2 = kc[j][c][parentSize - 1] - k12;
                    int[] left = coresets[j + 1][2 * c];
                    int[] right = coresets[j + 1][2 * c + 1];
                    double left1 = 0;
                    double left2 = 0;
                    for (int l = 0; l < childIdx; l++) {
                        int o = left[l] * d;
                        left1 += k.value(x, p1 * d, x, o, d);
                        left2 += k.value(x, p2 * d, x, o, d);
                    }
                    double g = (parent1 - parent2) - 2.0 * (left1 - left2);
                    double probSecondLeft = 0.5 * (1.0 - g / thresh);
                    if (rnd.nextDouble() <= probSecondLeft) {
                        left[childIdx] = p2;
                        right[childIdx] = p1;
                        kc[j + 1][2 * c][childIdx] = left2;
                        kc[j + 1][2 * c + 1][childIdx] = parent1 - left1;
                    } else {
                        left[childIdx] = p1;
                        right[childIdx] = p2;
                        kc[j + 1][2 * c][childIdx] = left1;
                        kc[j + 1][2 * c + 1][childIdx] = parent2 - left2;
                    }
                }
            }
        }
        return coresets[rounds];
    }
}
