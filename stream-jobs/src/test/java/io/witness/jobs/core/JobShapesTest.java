package io.witness.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.support.TestData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The job's record of state shapes across restarts: an unchanged configuration passes, a changed
 * state-shaping parameter is refused in one line naming monitor and parameter, a reset retires the old
 * shape for good (its keys start fresh, also after later restarts), other monitors keep their state, and
 * parameters that only steer change freely.
 */
class JobShapesTest {

    private static WitnessConfig config(String bettor, double alpha, boolean reset) {
        return TestData.config(null, """
                  - id: dep
                    source: {topic: t}
                    fields: {x: [x], y: [y]}
                    method: skit
                    alpha: %s
                    reset-state: %s
                    params: {bettor: %s, bandwidth-x: 1, bandwidth-y: 1, features: 8}
                  - id: other
                    source: {topic: t}
                    fields: {x: [x], y: [y]}
                    method: skit
                    params: {bandwidth-x: 1, bandwidth-y: 1, features: 8}
                """.formatted(alpha, reset, bettor));
    }

    private static JobShapes.Reconciled start(WitnessConfig c, List<JobShapes.Entry> restored) throws IOException {
        JobShapes.Reconciled r = JobShapes.reconcile(BoundMonitor.bindAll(c), roundTrip(restored), !restored.isEmpty());
        return r;
    }

    /** The record goes through its bytes, as through operator state. */
    private static List<JobShapes.Entry> roundTrip(List<JobShapes.Entry> entries) throws IOException {
        List<JobShapes.Entry> out = new ArrayList<>();
        for (JobShapes.Entry e : entries) {
            out.add(JobShapes.Entry.fromBytes(e.toBytes()));
        }
        return out;
    }

    @Test
    void anUnchangedShapePassesAndSteeringParametersChangeFreely() throws IOException {
        JobShapes.Reconciled first = start(config("ons", 0.01, false), List.of());
        JobShapes.Reconciled second = start(config("ons", 0.001, false), first.record());

        assertThat(second.resets()).isEmpty();
        assertThat(second.guards().get("dep").digest()).isEqualTo(first.guards().get("dep").digest());
        assertThat(second.record()).isEqualTo(first.record());
    }

    @Test
    void aChangedBettorIsRefusedInOneLineNamingMonitorAndParameter() throws IOException {
        JobShapes.Reconciled first = start(config("ons", 0.01, false), List.of());

        assertThatThrownBy(() -> start(config("agrapa", 0.01, false), first.record()))
                .isInstanceOf(StateShapeException.class)
                .hasMessage("monitor 'dep': state-shaping parameter 'bettor' changed (ons -> agrapa) since its state "
                        + "was written; restore with the configuration that wrote it, or start this monitor's state "
                        + "fresh with 'reset-state: true' on the monitor (or --reset-state dep)")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aResetRetiresTheOldShapeForGoodAndLeavesOtherMonitorsAlone() throws IOException {
        JobShapes.Reconciled ons = start(config("ons", 0.01, false), List.of());
        long onsDigest = ons.guards().get("dep").digest();
        long otherDigest = ons.guards().get("other").digest();

        JobShapes.Reconciled reset = start(config("agrapa", 0.01, true), ons.record());
        assertThat(reset.resets()).containsExactly(
                "monitor 'dep': parameter 'bettor' changed (ons -> agrapa); its keys start fresh (reset-state)");
        ShapeGuard dep = reset.guards().get("dep");
        assertThat(dep.keep(1, onsDigest)).as("an ons key is dropped").isFalse();
        assertThat(dep.keep(1, dep.digest())).as("an agrapa key is kept").isTrue();
        assertThat(dep.keep(1, ShapeGuard.LEGACY)).as("an unstamped key is dropped").isFalse();
        assertThat(reset.guards().get("other").keep(1, otherDigest)).isTrue();
        assertThat(reset.guards().get("other").keep(1, ShapeGuard.LEGACY)).isTrue();

        // the switch removed again: keys not touched since the reset still start fresh
        JobShapes.Reconciled later = start(config("agrapa", 0.01, false), reset.record());
        assertThat(later.resets()).isEmpty();
        assertThat(later.guards().get("dep").keep(1, onsDigest)).isFalse();
        assertThat(later.guards().get("dep").keep(1, dep.digest())).isTrue();
        // and going back to ons is a change again, refused without the switch
        assertThatThrownBy(() -> start(config("ons", 0.01, false), later.record()))
                .hasMessageStartingWith("monitor 'dep': state-shaping parameter 'bettor' changed (agrapa -> ons)");
    }

    @Test
    void aKeyOfAnUnrecordedShapeIsRefusedAtFirstTouch() throws IOException {
        JobShapes.Reconciled r = start(config("ons", 0.01, false), List.of());
        ShapeGuard dep = r.guards().get("dep");

        assertThatThrownBy(() -> dep.keep(1, 0x1234L))
                .isInstanceOf(StateShapeException.class)
                .hasMessageStartingWith("monitor 'dep': a key's state was written under state shape 0000000000001234, "
                        + "not this configuration's ")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> dep.keep(5, dep.digest()))
                .hasMessageStartingWith("monitor 'dep': a key's state was written by method hawkes, the configuration says skit");
        assertThat(dep.keep(1, ShapeGuard.LEGACY)).as("unstamped (v1) state is trusted").isTrue();
    }

    @Test
    void aResetOfAStateWrittenBeforeShapesWereRecordedDropsItsUnstampedKeys() throws IOException {
        Map<String, BoundMonitor> monitors = BoundMonitor.bindAll(config("ons", 0.01, true));
        JobShapes.Reconciled r = JobShapes.reconcile(monitors, List.of(), true);

        assertThat(r.guards().get("dep").keep(1, ShapeGuard.LEGACY)).isFalse();
        assertThat(r.guards().get("other").keep(1, ShapeGuard.LEGACY)).isTrue();
        assertThat(r.record().get(0).retired()).isEqualTo(Set.of(ShapeGuard.LEGACY));
    }

    @Test
    void removedMonitorsKeepTheirRecord() throws IOException {
        JobShapes.Reconciled both = start(config("ons", 0.01, false), List.of());
        WitnessConfig onlyOther = TestData.config(null, """
                  - id: other
                    source: {topic: t}
                    fields: {x: [x], y: [y]}
                    method: skit
                    params: {bandwidth-x: 1, bandwidth-y: 1, features: 8}
                """);
        JobShapes.Reconciled r = start(onlyOther, both.record());
        assertThat(r.record()).extracting(JobShapes.Entry::monitor).containsExactly("other", "dep");
    }
}
