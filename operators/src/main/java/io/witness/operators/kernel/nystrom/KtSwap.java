package io.witness.operators.kernel.nystrom;

import io.witness.operators.kernel.Kernel;

/**
 * KT-SWAP (spec online-methods.md §E.2; {@code goodpoints.kt.swap_X}): pick, among the KT-SPLIT
 * candidates and a standard-thinning baseline (every (n/s)-th point counted from the end), the coreset
 * with the smallest MMD to the whole input, then sweep once over its positions, replacing each point by
 * the input point that minimises the MMD, using the sufficient statistic
 * {@code 2·Σ_{c∈coreset∖current} k(x_i,c)/s − 2·mean_j k(x_i,x_j) + k(x_i,x_i)/s}.
 * O(n·d) memory, about {@code n² + n·s·(candidates + 2)} kernel evaluations.
 */
final class KtSwap {

    private KtSwap() {
    }

    /** {@code mean_j k(x_i, x_j)} for every i (the n² part of the cost). */
    static double[] rowMeans(Kernel k, double[] x, int n, int d) {
        double[] mean = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < i; j++) {
                double v = k.value(x, i * d, x, j * d, d);
                s += v;
                mean[j] += v;
            }
            mean[i] += s + k.value(x, i * d, x, i * d, d);
        }
        for (int i = 0; i < n; i++) {
            mean[i] /= n;
        }
        return mean;
    }

    /**
     * {@code MMD²(coreset, input) − mean(K)}: {@code mean(K[c][:,c]) − 2·mean(K[c,:])}, the part that
     * depends on the coreset.
     */
    static double relativeMmdSquared(Kernel k, double[] x, int d, int[] coreset, double[] rowMeans) {
        int s = coreset.length;
        double core = 0;
        double all = 0;
        for (int a = 0; a < s; a++) {
            int oa = coreset[a] * d;
            all += rowMeans[coreset[a]];
            for (int b = 0; b < s; b++) {
                core += k.value(x, oa, x, coreset[b] * d, d);
            }
        }
        return core / ((double) s * s) - 2.0 * all / s;
    }

    /** The best of the candidates and of standard thinning, by relative MMD. Returns a copy. */
    static int[] best(Kernel k, double[] x, int n, int d, int[][] candidates, double[] rowMeans) {
        int s = candidates[0].length;
        int step = n / s;
        int[] bestSet = new int[s];
        for (int a = s - 1, i = n - 1; a >= 0; a--, i -= step) {
            bestSet[a] = i;
        }
        double bestValue = relativeMmdSquared(k, x, d, bestSet, rowMeans);
        for (int[] c : candidates) {
            double v = relativeMmdSquared(k, x, d, c, rowMeans);
            if (v < bestValue) {
                bestValue = v;
                bestSet = c;
            }
        }
        return bestSet.clone();
    }

    /**
     * One refinement sweep, in place. With {@code unique} no index may appear twice (each position
     * chooses among the points outside the rest of the coreset), which Nyström needs: a repeated centre
     * only adds a zero eigenvalue to K_MM.
     */
    static void refine(Kernel k, double[] x, int n, int d, int[] coreset, double[] rowMeans, boolean unique) {
        int s = coreset.length;
        double twoOverS = 2.0 / s;
        boolean[] inCoreset = new boolean[n];
        for (int c : coreset) {
            inCoreset[c] = true;
        }
        // stat[i] = 2·Σ_{c ∈ coreset} k(x_i, c)/s + k(x_i, x_i)/s − 2·mean_j k(x_i, x_j)
        double[] stat = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int c : coreset) {
                sum += k.value(x, i * d, x, c * d, d);
            }
            stat[i] = twoOverS * sum + k.value(x, i * d, x, i * d, d) / s - 2.0 * rowMeans[i];
        }
        for (int p = 0; p < s; p++) {
            int current = coreset[p];
            for (int i = 0; i < n; i++) {
                stat[i] -= twoOverS * k.value(x, current * d, x, i * d, d);
            }
            inCoreset[current] = false;
            int bestPoint = -1;
            double bestStat = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (unique && inCoreset[i]) {
                    continue;
                }
                if (stat[i] < bestStat) {
                    bestStat = stat[i];
                    bestPoint = i;
                }
            }
            if (bestPoint < 0) {
                bestPoint = current; // only NaN statistics (bad kernel values): keep the point
            }
            coreset[p] = bestPoint;
            inCoreset[bestPoint] = true;
            for (int i = 0; i < n; i++) {
                stat[i] += twoOverS * k.value(x, bestPoint * d, x, i * d, d);
            }
        }
    }
}
