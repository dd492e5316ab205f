package io.witness.jobs.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's scorecard of the triage bandit: for every decision, whether it was the best action for its
 * context and its regret (best expected reward − chosen expected reward), so the output can show the
 * policy learning: early decisions against late ones, and against a uniformly random policy. Thread-safe.
 */
public final class TriageLedger {
    private final List<double[]> rows = new ArrayList<>();   // {optimal 0/1, regret, random policy's regret}

    public synchronized void record(double[] context, int action) {
        int best = TriageWorld.best(context);
        double top = TriageWorld.expected(best, context);
        double random = 0;
        for (int a = 0; a < TriageWorld.ACTIONS.size(); a++) {
            random += (top - TriageWorld.expected(a, context)) / TriageWorld.ACTIONS.size();
        }
        rows.add(new double[] {action == best ? 1 : 0, top - TriageWorld.expected(action, context), random});
    }

    public synchronized int size() {
        return rows.size();
    }

    /** {optimal rate, mean regret, random policy's mean regret} over decisions [from, to). */
    public synchronized double[] window(int from, int to) {
        int n = Math.max(0, Math.min(to, rows.size()) - from);
        double[] s = new double[3];
        for (int i = from; i < from + n; i++) {
            for (int j = 0; j < 3; j++) {
                s[j] += rows.get(i)[j];
            }
        }
        return n == 0 ? new double[] {Double.NaN, Double.NaN, Double.NaN} : new double[] {s[0] / n, s[1] / n, s[2] / n};
    }

    /** One status line over the last {@code last} decisions. */
    public synchronized String status(int last) {
        int n = rows.size();
        double[] w = window(Math.max(0, n - last), n);
        return String.format(Locale.ROOT, "triage: %d decisions; last %d: %.0f%% best action, regret %.3f per decision "
                + "(random policy %.3f)", n, Math.min(n, last), 100 * w[0], w[1], w[2]);
    }

    /** The first decisions shown on their own in {@link #render()}: where the learning happens. */
    static final int FIRST = 25;

    /** The end-of-demo table: the first {@value #FIRST} decisions, then the rest in thirds. */
    public synchronized String render() {
        int n = rows.size();
        StringBuilder out = new StringBuilder("Alert-triage bandit (" + TriageWorld.BANDIT + ", delayed operator feedback)\n");
        if (n == 0) {
            return out.append("  no decisions were made\n").toString();
        }
        out.append(String.format(Locale.ROOT, "  %-14s %10s %12s %14s%n", "decisions", "best", "regret", "random policy"));
        List<int[]> ranges = new ArrayList<>();
        int head = Math.min(FIRST, n);
        ranges.add(new int[] {0, head});
        for (int third = 0; third < 3 && head < n; third++) {
            ranges.add(new int[] {head + (n - head) * third / 3, head + (n - head) * (third + 1) / 3});
        }
        for (int[] range : ranges) {
            if (range[1] > range[0]) {
                double[] w = window(range[0], range[1]);
                out.append(String.format(Locale.ROOT, "  %-14s %9.0f%% %12.3f %14.3f%n", (range[0] + 1) + "-" + range[1],
                        100 * w[0], w[1], w[2]));
            }
        }
        return out.toString();
    }
}
