package io.witness.jobs.core;

import io.witness.jobs.codec.ExplanationAvro;
import io.witness.operators.monitor.ExplanationValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.witness.jobs.config.MonitorConfig;
import io.witness.jobs.support.TestData;
import io.witness.operators.monitor.AlarmKind;
import io.witness.operators.monitor.Step;
import io.witness.schemas.Alert;
import io.witness.schemas.Evidence;

/** The alert policy on hand-made steps: OPEN once, UPDATE at most once per interval, RESOLVED on clear, stable ids. */
class AlertPolicyTest {

    private static final MonitorConfig M = TestData.config(null, TestData.skitMonitor("m", "t", 40, "10s")).monitors().get(0);

    private enum S { QUIET, ALARM, CLEAR, ALARM_AND_CLEAR }

    private record At(long time, S kind) {
    }

    private static At at(long time, S kind) {
        return new At(time, kind);
    }

    /** Feeds the steps and returns the alert (or null) for each. */
    private static List<Alert> play(Incident s, List<At> steps) {
        List<Alert> out = new ArrayList<>();
        long n = 0;
        for (At a : steps) {
            n++;
            boolean alarm = a.kind == S.ALARM || a.kind == S.ALARM_AND_CLEAR;
            boolean clear = a.kind == S.CLEAR || a.kind == S.ALARM_AND_CLEAR;
            Step step = new Step(n, alarm ? 3.5 : 0.1, 0.03, alarm ? 33.0 : 1.1, 20.0, alarm, clear, Map.of());
            Evidence ev = Evidence.newBuilder().setMonitor("m").setKey("k").setMethod("skit").setTime(a.time).setN(n)
                    .setStatistic(step.statistic()).setPValue(step.pValue()).setEValue(step.eValue())
                    .setThreshold(step.threshold()).setAlarm(alarm).setExplanation(Map.of()).build();
            out.add(AlertPolicy.onStep(M, "k", step, ev, s));
        }
        return out;
    }

    private static final List<At> EPISODES = List.of(
            at(0, S.QUIET),
            at(1_000, S.ALARM),            // OPEN
            at(2_000, S.ALARM),            // within 10 s of the OPEN: nothing
            at(10_999, S.ALARM),           // 9.999 s: nothing
            at(11_000, S.ALARM),           // 10 s: UPDATE
            at(12_000, S.ALARM),           // nothing
            at(13_000, S.ALARM_AND_CLEAR), // an alarm wins over a clear: nothing
            at(15_000, S.QUIET),
            at(16_000, S.CLEAR),           // RESOLVED
            at(17_000, S.CLEAR),           // nothing open: nothing
            at(20_000, S.QUIET),
            at(30_000, S.ALARM));          // a new incident: OPEN with a new id

    @Test
    void opensOnceUpdatesAtMostOncePerIntervalAndResolvesOnClear() {
        Incident s = new Incident();

        List<Alert> alerts = play(s, EPISODES);

        assertThat(alerts).extracting(a -> a == null ? "-" : a.getState().name()).containsExactly(
                "-", "OPEN", "-", "-", "UPDATE", "-", "-", "-", "RESOLVED", "-", "-", "OPEN");
        Alert open = alerts.get(1);
        Alert update = alerts.get(4);
        Alert resolved = alerts.get(8);
        Alert reopened = alerts.get(11);
        assertThat(List.of(open, update, resolved)).extracting(Alert::getId).containsOnly(open.getId());
        assertThat(List.of(open, update, resolved)).extracting(Alert::getOpenedAt).containsOnly(1_000L);
        assertThat(update.getEvidence().getTime()).isEqualTo(11_000L);
        assertThat(resolved.getEvidence().getTime()).isEqualTo(16_000L);
        assertThat(reopened.getId()).isNotEqualTo(open.getId());
        assertThat(reopened.getOpenedAt()).isEqualTo(30_000L);
        assertThat(s.isOpen()).isTrue();
        assertThat(s.sequence).isEqualTo(2);
    }

    @Test
    void idIsANameBasedUuidOfMonitorKeySequenceAndOpeningTime() {
        List<Alert> alerts = play(new Incident(), EPISODES);

        String id = alerts.get(1).getId();
        assertThat(id).isEqualTo(AlertPolicy.alertId("m", "k", 1, 1_000L));
        assertThat(UUID.fromString(id).version()).as("name-based").isEqualTo(3);
        assertThat(alerts.get(11).getId()).isEqualTo(AlertPolicy.alertId("m", "k", 2, 30_000L));
        assertThat(AlertPolicy.alertId("m", "k", 1, 1_000L))
                .isNotEqualTo(AlertPolicy.alertId("m", "k2", 1, 1_000L))
                .isNotEqualTo(AlertPolicy.alertId("m2", "k", 1, 1_000L))
                .isNotEqualTo(AlertPolicy.alertId("m", "k", 2, 1_000L))
                .isNotEqualTo(AlertPolicy.alertId("m", "k", 1, 1_001L));
    }

    @Test
    void sameStepsGiveTheSameAlertsAndIds() {
        assertThat(play(new Incident(), EPISODES)).isEqualTo(play(new Incident(), EPISODES));
    }

    @Test
    void messagesSayWhatHappenedInOneLine() {
        List<Alert> alerts = play(new Incident(), EPISODES);

        assertThat(alerts.get(1).getMessage()).isEqualTo(
                "skit monitor 'm', key 'k': alarm: e-value 33.00 >= 20.00 (p <= 0.0300) after 2 observations");
        assertThat(alerts.get(4).getMessage()).startsWith("skit monitor 'm', key 'k': still alarming: e-value 33.00");
        assertThat(alerts.get(8).getMessage()).isEqualTo(
                "skit monitor 'm', key 'k': resolved: no alarm since the alert opened at 1000 (n=9)");
    }

    @Test
    void messagesNameTheStepsTypedAlarmKindsNotTheExplanationText() {
        Step step = new Step(7, 0.95, null, null, 0.9, true, false, Map.of("alarms", ExplanationValue.names(List.of("surge"))),
                EnumSet.of(AlarmKind.NEW_EDGE, AlarmKind.BRANCHING));
        Evidence ev = Evidence.newBuilder().setMonitor("m").setKey("k").setMethod("hawkes").setTime(5).setN(7)
                .setStatistic(0.95).setThreshold(0.9).setAlarm(true).setExplanation(ExplanationAvro.toAvro(step.explanation())).build();

        Alert a = AlertPolicy.onStep(M, "k", step, ev, new Incident());

        assertThat(a.getMessage()).endsWith("after 7 observations [branching,new-edge]");
    }

    @Test
    void clearWithoutAnOpenAlertDoesNothing() {
        Incident s = new Incident();

        assertThat(play(s, List.of(at(0, S.CLEAR), at(1, S.QUIET)))).containsOnlyNulls();
        assertThat(s.isOpen()).isFalse();
        assertThat(s.sequence).isZero();
    }
}
