package io.witness.operators.seqksd;

/**
 * First-order Markov chain with a state-dependent stopping rule: first symbol from π; after each
 * symbol s stop with probability {@code stop[s]}, else move with row s of P:
 * <pre>log p(x) = log π[x₁] + Σ_{i&lt;ℓ} [log(1 − stop[x_i]) + log P[x_i, x_{i+1}]] + log stop[x_ℓ]</pre>
 * (spec §B.7.7 is the special case of a constant stop probability). {@link #fit} estimates it from
 * counts with an additive pseudo-count, so every neighbour of a sequence has a finite probability.
 */
public final class MarkovSequenceModel implements SequenceModel {

    private final int s;
    private final double[] logInitial;
    private final double[] logMove;      // log((1 − stop[a]) P[a,b]), row-major
    private final double[] logStop;
    private final double[] initial;
    private final double[] transition;
    private final double[] stop;

    public MarkovSequenceModel(double[] initial, double[] transition, double[] stop) {
        this.s = initial.length;
        if (transition.length != s * s || stop.length != s) {
            throw new IllegalArgumentException("Markov model: π, P and stop must have S, S·S and S entries");
        }
        logInitial = new double[s];
        logMove = new double[s * s];
        logStop = new double[s];
        this.initial = initial.clone();
        this.transition = transition.clone();
        this.stop = stop.clone();
        for (int a = 0; a < s; a++) {
            logInitial[a] = Math.log(initial[a]);
            logStop[a] = Math.log(stop[a]);
            for (int b = 0; b < s; b++) {
                logMove[a * s + b] = Math.log1p(-stop[a]) + Math.log(transition[a * s + b]);
            }
        }
    }

    /** The model with a constant stop probability (as in §B.7.7, §B.7.8). */
    public static MarkovSequenceModel withConstantStop(double[] initial, double[] transition, double stop) {
        double[] st = new double[initial.length];
        java.util.Arrays.fill(st, stop);
        return new MarkovSequenceModel(initial, transition, st);
    }

    /**
     * Smoothed maximum likelihood from counts: {@code first[a]} sequences start with a,
     * {@code moves[a·S+b]} transitions a→b, {@code ends[a]} sequences end at a.
     */
    public static MarkovSequenceModel fit(int[] first, int[] moves, int[] ends, double pseudoCount) {
        int s = first.length;
        double c = pseudoCount;
        double[] pi = new double[s];
        double[] p = new double[s * s];
        double[] stop = new double[s];
        double starts = 0;
        for (int a = 0; a < s; a++) {
            starts += first[a];
        }
        for (int a = 0; a < s; a++) {
            pi[a] = (first[a] + c) / (starts + c * s);
            double row = 0;
            for (int b = 0; b < s; b++) {
                row += moves[a * s + b];
            }
            for (int b = 0; b < s; b++) {
                p[a * s + b] = (moves[a * s + b] + c) / (row + c * s);
            }
            stop[a] = (ends[a] + c) / (row + ends[a] + 2 * c);
        }
        return new MarkovSequenceModel(pi, p, stop);
    }

    /** Draws one sequence, cut at {@code maxLength} symbols (as the monitor cuts sessions). */
    public String sample(java.util.SplittableRandom rng, int maxLength) {
        StringBuilder b = new StringBuilder();
        int a = draw(initial, 0, rng);
        b.append((char) a);
        while (b.length() < maxLength && rng.nextDouble() >= stop[a]) {
            a = draw(transition, a * s, rng);
            b.append((char) a);
        }
        return b.toString();
    }

    private int draw(double[] probs, int off, java.util.SplittableRandom rng) {
        double u = rng.nextDouble();
        for (int i = 0; i < s - 1; i++) {
            u -= probs[off + i];
            if (u < 0) {
                return i;
            }
        }
        return s - 1;
    }

    @Override
    public int symbols() {
        return s;
    }

    @Override
    public double logProbability(CharSequence x) {
        int n = x.length();
        if (n == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double lp = logInitial[x.charAt(0)];
        for (int i = 0; i + 1 < n; i++) {
            lp += logMove[x.charAt(i) * s + x.charAt(i + 1)];
        }
        return lp + logStop[x.charAt(n - 1)];
    }
}
