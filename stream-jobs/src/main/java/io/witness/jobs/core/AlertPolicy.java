package io.witness.jobs.core;

import io.witness.jobs.config.MonitorConfig;
import io.witness.jobs.metrics.WitnessMetrics;
import io.witness.operators.monitor.AlarmKind;
import io.witness.operators.monitor.Step;
import io.witness.schemas.Alert;
import io.witness.schemas.AlertState;
import io.witness.schemas.Evidence;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * Turns decision steps into alerts, per (monitor, key):
 * <ul>
 *   <li>OPEN once, on the first alarm while no alert is open;</li>
 *   <li>UPDATE on a later alarm while open, at most once per {@code alert.update-interval} of event time;</li>
 *   <li>RESOLVED when the method's reset rule says the anomaly is over ({@link Step#clear()}).</li>
 * </ul>
 * Alert ids are name-based UUIDs of (monitor, key, sequence number, opening event time): the same input
 * gives the same ids in a replay, and a restart from a checkpoint does not mint new ones.
 */
public final class AlertPolicy {
    private AlertPolicy() {
    }

    /** @return the alert to emit for this step, or null */
    public static Alert onStep(MonitorConfig m, String key, Step step, Evidence evidence,
                               Incident s) {
        long t = evidence.getTime();
        if (step.alarm() && !s.open) {
            s.open = true;
            s.sequence++;
            s.openedAt = t;
            s.lastEmittedAt = t;
            WitnessMetrics.ALERTS_OPENED.labels(m.id()).inc();
            return alert(m, key, s, AlertState.OPEN, evidence, describe("alarm", m, key, step, evidence));
        }
        if (step.alarm() && t - s.lastEmittedAt >= m.updateInterval().toMillis()) {
            s.lastEmittedAt = t;
            WitnessMetrics.ALERTS_UPDATED.labels(m.id()).inc();
            return alert(m, key, s, AlertState.UPDATE, evidence, describe("still alarming", m, key, step, evidence));
        }
        if (step.clear() && s.open && !step.alarm()) {
            s.open = false;
            WitnessMetrics.ALERTS_RESOLVED.labels(m.id()).inc();
            return alert(m, key, s, AlertState.RESOLVED, evidence, String.format(Locale.ROOT,
                    "%s monitor '%s', key '%s': resolved: no alarm since the alert opened at %d (n=%d)",
                    m.method(), m.id(), key, s.openedAt, evidence.getN()));
        }
        return null;
    }

    public static String alertId(String monitor, String key, int sequence, long openedAt) {
        String name = monitor + '\u0000' + key + '\u0000' + sequence + '\u0000' + openedAt;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Alert alert(MonitorConfig m, String key, Incident s, AlertState state,
                               Evidence evidence, String message) {
        return Alert.newBuilder()
                .setId(alertId(m.id(), key, s.sequence, s.openedAt))
                .setMonitor(m.id())
                .setKey(key)
                .setMethod(m.method())
                .setState(state)
                .setOpenedAt(s.openedAt)
                .setEvidence(evidence)
                .setMessage(message)
                .build();
    }

    private static String describe(String what, MonitorConfig m, String key, Step step, Evidence e) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s monitor '%s', key '%s': %s",
                m.method(), m.id(), key, what));
        if (e.getEValue() != null) {
            sb.append(String.format(Locale.ROOT, ": e-value %.4g >= %.4g", e.getEValue(), e.getThreshold()));
        } else {
            sb.append(String.format(Locale.ROOT, ": statistic %.4g vs threshold %.4g", e.getStatistic(), e.getThreshold()));
        }
        if (e.getPValue() != null) {
            sb.append(String.format(Locale.ROOT, " (p <= %.3g)", e.getPValue()));
        }
        sb.append(String.format(Locale.ROOT, " after %d observations", e.getN()));
        // methods with several alarm conditions name the ones met (Hawkes: surge, branching, new-edge, ...)
        if (!step.alarmKinds().isEmpty()) {
            sb.append(" [").append(String.join(",", step.alarmKinds().stream().map(AlarmKind::label).toList())).append(']');
        }
        return sb.toString();
    }
}
