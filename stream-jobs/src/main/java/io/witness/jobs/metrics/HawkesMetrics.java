package io.witness.jobs.metrics;

import io.witness.operators.monitor.Step;

/**
 * Per-monitor Prometheus series of the Hawkes monitor, from each refit's step. Never per key: the
 * gauge holds the latest refit of whichever key refitted last (with one key per monitor, that key's
 * value; with many, read the histogram, e.g. the share of refits above 0.9), and alarms are counted by
 * kind, a closed set of five.
 */
public final class HawkesMetrics {
    private static final java.util.Set<String> KINDS =
            java.util.Set.of("surge", "branching", "new-edge", "vanished-edge", "poor-fit");

    private HawkesMetrics() {
    }

    /**
     * Creates the monitor's refit and alarm series (every kind) at 0 before its first refit, so that
     * {@code increase()} in the alerting rules also counts a monitor's first alarm of a kind.
     */
    public static void initMonitor(String monitor) {
        WitnessMetrics.HAWKES_REFITS.labels(monitor);
        for (String kind : KINDS) {
            WitnessMetrics.HAWKES_ALARMS.labels(monitor, kind);
        }
    }

    public static void onRefit(String monitor, Step step) {
        double rho = step.statistic();
        WitnessMetrics.HAWKES_REFITS.labels(monitor).inc();
        if (Double.isFinite(rho)) {
            WitnessMetrics.HAWKES_BRANCHING_RATIO.labels(monitor).set(rho);
            WitnessMetrics.HAWKES_REFIT_BRANCHING_RATIO.labels(monitor).observe(rho);
        }
        String alarms = step.explanation().get("alarms");
        if (alarms != null && !alarms.isEmpty()) {
            for (String kind : alarms.split(",")) {
                if (KINDS.contains(kind)) {
                    WitnessMetrics.HAWKES_ALARMS.labels(monitor, kind).inc();
                }
            }
        }
    }
}
