package io.witness.operators.seqksd;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The KSD test for variable-length sequences (Baum, Kanagawa &amp; Gretton, ICML 2023; spec §B.7.5):
 * U-statistic {@code Û = Σ_{i≠j} H_ij / (n(n−1))} of the Zanella–Stein kernel, calibrated by the
 * wild bootstrap with weights {@code W = Multinomial(n; 1/n) − 1},
 * {@code Û* = Σ_{i≠j} W_i W_j H_ij / (n(n−1))}, p-value {@code (1 + #{Û* ≥ Û})/(B + 1)}.
 * The Gram matrix costs {@code O(n² · atoms² · ℓ)} (spec §B.7.6).
 *
 * @param neighbourhood the edit neighbourhood
 * @param balance       κ
 * @param kernel        the base kernel (length-restricted: pairwise over atoms of equal length;
 *                      spectrum: a dot product of embedded measures)
 * @param draws         bootstrap draws B
 */
public record SequenceKsd(Neighbourhood neighbourhood, Balance balance, BaseKernel kernel, int draws) {

    /** Û, its p-value, and each sequence's Stein row sum {@code Σ_{j≠i} H_ij}. */
    public record Result(double statistic, double pValue, double[] rowSums) {
    }

    /** The symmetric Gram matrix, row-major. */
    public double[] gram(List<String> xs, SequenceModel p) {
        int n = xs.size();
        SteinMeasure[] mu = new SteinMeasure[n];
        for (int i = 0; i < n; i++) {
            mu[i] = SteinMeasure.of(xs.get(i), p, neighbourhood, balance);
        }
        double[] h = new double[n * n];
        java.util.List<java.util.Map<String, Double>> emb = null;
        if (kernel instanceof SpectrumKernel sk) {
            emb = new java.util.ArrayList<>();
            for (SteinMeasure m : mu) {
                emb.add(m.embed(sk));
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = emb != null ? SpectrumKernel.dot(emb.get(i), emb.get(j))
                        : mu[i].stein(mu[j], (SequenceKernel) kernel);
                h[i * n + j] = v;
                h[j * n + i] = v;
            }
        }
        return h;
    }

    public static double uStatistic(double[] h, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    s += h[i * n + j];
                }
            }
        }
        return s / ((double) n * (n - 1));
    }

    /**
     * The parametric-bootstrap test: {@code Û*_b} of n sequences drawn from {@code p} (cut at
     * {@code maxLength}), p-value {@code (1 + #{Û*_b ≥ Û})/(B + 1)}.
     */
    public Result runParametric(List<String> xs, MarkovSequenceModel p, int maxLength, SplittableRandom rng) {
        int n = xs.size();
        double[] h = gram(xs, p);
        double u = uStatistic(h, n);
        int exceed = 0;
        List<String> sample = new java.util.ArrayList<>(n);
        for (int b = 0; b < draws; b++) {
            sample.clear();
            for (int i = 0; i < n; i++) {
                sample.add(p.sample(rng, maxLength));
            }
            if (uStatistic(gram(sample, p), n) >= u) {
                exceed++;
            }
        }
        return new Result(u, (1.0 + exceed) / (draws + 1.0), rowSums(h, n));
    }

    private static double[] rowSums(double[] h, int n) {
        double[] rows = new double[n];
        for (int i = 0; i < n; i++) {
            double r = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    r += h[i * n + j];
                }
            }
            rows[i] = r;
        }
        return rows;
    }

    public Result run(List<String> xs, SequenceModel p, SplittableRandom rng) {
        int n = xs.size();
        if (n < 2) {
            throw new IllegalArgumentException("a sequence KSD test needs at least 2 sequences");
        }
        double[] h = gram(xs, p);
        double u = uStatistic(h, n);
        double[] w = new double[n];
        int exceed = 0;
        double norm = (double) n * (n - 1);
        for (int b = 0; b < draws; b++) {
            java.util.Arrays.fill(w, -1.0);
            for (int i = 0; i < n; i++) {
                w[rng.nextInt(n)] += 1.0;
            }
            double t = 0;
            for (int i = 0; i < n; i++) {
                double r = 0;
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        r += h[i * n + j] * w[j];
                    }
                }
                t += w[i] * r;
            }
            if (t / norm >= u) {
                exceed++;
            }
        }
        return new Result(u, (1.0 + exceed) / (draws + 1.0), rowSums(h, n));
    }
}
