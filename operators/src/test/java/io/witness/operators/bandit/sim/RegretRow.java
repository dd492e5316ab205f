package io.witness.operators.bandit.sim;

import java.util.Locale;
import java.util.function.LongFunction;

/**
 * Cumulative regret at t = T of one algorithm over independent runs: run r draws objective seed
 * {@code 1000 + r} and algorithm seed {@code 7 + r} (fixed, so every number is reproducible).
 */
record RegretRow(String name, double[] values) {

    static final int HORIZON = 1000;

    interface Algorithm {
        double[] run(GridObjective f, long seed);
    }

    static RegretRow of(String name, int gridSize, int runs, Algorithm algorithm) {
        double[] v = new double[runs];
        LongFunction<GridObjective> objective = s -> new GridObjective(gridSize, s);
        for (int r = 0; r < runs; r++) {
            v[r] = algorithm.run(objective.apply(1000 + r), 7 + r)[HORIZON - 1];
        }
        return new RegretRow(name, v);
    }

    double mean() {
        double s = 0;
        for (double x : values) {
            s += x;
        }
        return s / values.length;
    }

    double sd() {
        double m = mean();
        double s = 0;
        for (double x : values) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (values.length - 1));
    }

    /** Standard error of the mean. */
    double se() {
        return sd() / Math.sqrt(values.length);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%-22s %7.1f (sd %6.1f, %d runs)", name, mean(), sd(), values.length);
    }
}
