package io.witness.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.support.TestData;
import io.witness.jobs.support.TestData.Obs;
import io.witness.schemas.Alert;
import io.witness.schemas.AlertState;
import io.witness.schemas.Evidence;

/**
 * A SKIT monitor on y = x + noise, then on independent y: the incident opens once, updates at the
 * configured pace, resolves by SKIT's reset rule, and carries the same ids however often it is replayed
 * or restored.
 */
class AlertLifecycleTest {

    private static final WitnessConfig CONFIG = TestData.config(null, TestData.skitMonitor("dep", "t", 40, "60s"));

    /** 300 s dependent, 200 s independent, then dependent again: two incidents. */
    private static List<Obs> data() {
        List<Obs> d = new ArrayList<>(TestData.dependentThenIndependent("k", 300, 200, TestData.T0, 1));
        d.addAll(TestData.dependentThenIndependent("k", 150, 0, TestData.T0 + 500_000, 2));
        return d;
    }

    private static MonitorRun straight() {
        MonitorRun r = new MonitorRun(CONFIG);
        r.feedAll(data());
        return r;
    }

    @Test
    void incidentOpensOnceUpdatesAtTheConfiguredPaceAndResolves() {
        MonitorRun r = straight();
        List<Alert> first = r.out.alerts.stream().filter(a -> a.getOpenedAt() == r.out.alerts.get(0).getOpenedAt()).toList();

        assertThat(first.get(0).getState()).isEqualTo(AlertState.OPEN);
        assertThat(first.get(first.size() - 1).getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(first.subList(1, first.size() - 1)).isNotEmpty()
                .extracting(Alert::getState).containsOnly(AlertState.UPDATE);
        assertThat(first).extracting(Alert::getId).containsOnly(first.get(0).getId());
        assertThat(first.get(0).getOpenedAt()).isEqualTo(first.get(0).getEvidence().getTime());
        assertThat(first.get(0).getEvidence().getAlarm()).isTrue();
        assertThat(first.get(first.size() - 1).getEvidence().getAlarm()).isFalse();

        // every UPDATE is at least update-interval (60 s of event time) after the previous alert record ...
        for (int i = 1; i < first.size() - 1; i++) {
            assertThat(first.get(i).getEvidence().getTime() - first.get(i - 1).getEvidence().getTime())
                    .isGreaterThanOrEqualTo(60_000L);
        }
        // ... and alarms in between were not turned into records: the rate limit did bite
        long resolvedAt = first.get(first.size() - 1).getEvidence().getTime();
        long alarmsWhileOpen = r.out.evidence.stream()
                .filter(e -> e.getAlarm() && e.getTime() <= resolvedAt).count();
        assertThat(alarmsWhileOpen).isGreaterThan(first.size() - 1);
        assertThat(r.out.alertTopics).containsOnly("witness.alerts");
    }

    @Test
    void secondIncidentGetsTheNextSequenceNumber() {
        MonitorRun r = straight();
        List<Alert> opens = r.out.alerts.stream().filter(a -> a.getState() == AlertState.OPEN).toList();

        assertThat(opens).hasSize(2);
        assertThat(opens.get(0).getId()).isEqualTo(AlertPolicy.alertId("dep", "k", 1, opens.get(0).getOpenedAt()));
        assertThat(opens.get(1).getId()).isEqualTo(AlertPolicy.alertId("dep", "k", 2, opens.get(1).getOpenedAt()));
        assertThat(opens.get(1).getOpenedAt()).isGreaterThanOrEqualTo(TestData.T0 + 500_000);
    }

    @Test
    void alarmsAndAlertRecordsAlwaysComeWithTheirEvidence() {
        WitnessConfig sparse = TestData.config(null, TestData.skitMonitor("dep", "t", 40, "60s")
                + "    evidence-every: 1000000\n");
        MonitorRun r = new MonitorRun(sparse);
        r.feedAll(data());

        assertThat(r.out.alerts).isNotEmpty();
        assertThat(r.out.evidence).isNotEmpty().allSatisfy(e ->
                assertThat(e.getAlarm() || r.out.alerts.stream().anyMatch(a -> a.getEvidence().equals(e))).isTrue());
        List<Evidence> alertEvidence = r.out.alerts.stream().map(Alert::getEvidence).toList();
        assertThat(r.out.evidence).containsAll(alertEvidence);
        assertThat(straight().out.evidence.size()).isGreaterThan(r.out.evidence.size());
    }

    @Test
    void sameInputTwiceGivesTheSameEvidenceAlertsAndIds() {
        MonitorRun a = straight();
        MonitorRun b = straight();

        assertThat(a.out.alerts).hasSizeGreaterThanOrEqualTo(4);
        assertThat(b.transcript()).isEqualTo(a.transcript());
    }

    @Test
    void restoreWhileAnAlertIsOpenContinuesTheSameIncident() throws IOException {
        MonitorRun reference = straight();
        List<Obs> data = data();
        // split just after the first OPEN, before its first UPDATE
        long openedAt = reference.out.alerts.get(0).getOpenedAt();
        int split = 0;
        while (data.get(split).time() <= openedAt) {
            split++;
        }
        split += 3;

        MonitorRun before = new MonitorRun(CONFIG);
        before.feedAll(data.subList(0, split));
        assertThat(before.state.alert().isOpen()).as("the alert is open at the split").isTrue();
        MonitorRun after = before.restarted();
        after.feedAll(data.subList(split, data.size()));

        assertThat(after.out.alerts).isNotEmpty();
        assertThat(after.out.alerts.get(0).getState()).as("no second OPEN after the restore").isEqualTo(AlertState.UPDATE);
        assertThat(after.out.alerts.get(0).getId()).isEqualTo(reference.out.alerts.get(0).getId());
        before.out.evidence.addAll(after.out.evidence);
        before.out.alerts.addAll(after.out.alerts);
        assertThat(before.transcript()).isEqualTo(reference.transcript());
    }
}
