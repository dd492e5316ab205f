package io.witness.jobs.metrics;

import io.witness.operators.hawkes.HawkesMethod;
import io.witness.operators.monitor.AlarmKind;
import io.witness.operators.monitor.Step;

/**
 * Per-monitor Prometheus series of the Hawkes monitor, from each refit's step. Never per key: the
 * gauge holds the latest refit of whichever key refitted last (with one key per monitor, that key's
 * value; with many, read the histogram, e.g. the share of refits above 0.9), and alarms are counted by
 * kind, the closed set {@link HawkesMethod#ALARM_KINDS} read from the step's typed {@link Step#alarmKinds()}.
 */
public final class HawkesMetrics {

    private HawkesMetrics() {
    }

    /**
     * Creates the monitor's refit and alarm series (every kind) at 0 before its first refit, so that
     * {@code increase()} in the alerting rules also counts a monitor's first alarm of a kind.
     */
    public static void initMonitor(String monitor) {
        WitnessMetrics.HAWKES_REFITS.labels(monitor);
        for (AlarmKind kind : HawkesMethod.ALARM_KINDS) {
            WitnessMetrics.HAWKES_ALARMS.labels(monitor, kind.label());
        }
    }

    public static void onRefit(String monitor, Step step) {
        double rho = step.statistic();
        WitnessMetrics.HAWKES_REFITS.labels(monitor).inc();
        if (Double.isFinite(rho)) {
            WitnessMetrics.HAWKES_BRANCHING_RATIO.labels(monitor).set(rho);
            WitnessMetrics.HAWKES_REFIT_BRANCHING_RATIO.labels(monitor).observe(rho);
        }
        for (AlarmKind kind : step.alarmKinds()) {
            if (HawkesMethod.ALARM_KINDS.contains(kind)) {
                WitnessMetrics.HAWKES_ALARMS.labels(monitor, kind.label()).inc();
            }
        }
    }
}
