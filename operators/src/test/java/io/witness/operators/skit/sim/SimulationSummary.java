package io.witness.operators.skit.sim;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a batch of simulated SKIT runs measured.
 *
 * @param label         what was simulated (witness, bettor, stream)
 * @param runs          number of runs
 * @param rejections    runs whose wealth reached 1/α within the horizon
 * @param stoppingPairs per run, the stopping time in pairs (the cap where the run did not reject)
 * @param cpuSeconds    CPU time of the simulating thread (the shared 2-core machine makes wall time noisy)
 * @param wallSeconds   wall-clock time of the batch
 */
public record SimulationSummary(String label, int runs, int rejections, long[] stoppingPairs, double cpuSeconds,
                                double wallSeconds) {

    public double rejectionRate() {
        return (double) rejections / runs;
    }

    public double meanStoppingPairs() {
        return Arrays.stream(stoppingPairs).average().orElse(Double.NaN);
    }

    /** Sample standard deviation of the (capped) stopping times. */
    public double sdStoppingPairs() {
        double m = meanStoppingPairs();
        double ss = 0;
        for (long t : stoppingPairs) {
            ss += (t - m) * (t - m);
        }
        return runs > 1 ? Math.sqrt(ss / (runs - 1)) : 0.0;
    }

    /** Median as numpy computes it (mean of the two middle values for an even count). */
    public double medianStoppingPairs() {
        long[] s = stoppingPairs.clone();
        Arrays.sort(s);
        int h = s.length / 2;
        return s.length % 2 == 1 ? s[h] : 0.5 * (s[h - 1] + s[h]);
    }

    /** One line for the test output (surefire keeps it in target/surefire-reports/*-output.txt). */
    public String line() {
        return String.format(Locale.ROOT, "SKIT-MC %-44s runs=%4d reject=%.3f mean=%6.1f median=%6.1f sd=%5.1f cpu=%.1fs wall=%.1fs",
                label, runs, rejectionRate(), meanStoppingPairs(), medianStoppingPairs(), sdStoppingPairs(), cpuSeconds,
                wallSeconds);
    }

    /** The same line with the spec's row next to it. */
    public String line(SpecRow spec) {
        return line() + String.format(Locale.ROOT, " | spec: runs=%d reject=%.3f mean=%.0f median=%s",
                spec.runs(), spec.rejectionRate(), spec.meanStoppingPairs(),
                Double.isNaN(spec.medianStoppingPairs()) ? "-" : String.format(Locale.ROOT, "%.0f", spec.medianStoppingPairs()));
    }
}
