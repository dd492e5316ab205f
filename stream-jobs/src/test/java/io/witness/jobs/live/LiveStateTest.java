package io.witness.jobs.live;

import static io.witness.jobs.live.LivePageTest.evidence;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.witness.jobs.config.ConfigLoader;
import io.witness.schemas.Alert;
import io.witness.schemas.AlertState;
import io.witness.schemas.Evidence;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live page's in-memory store: its bounds, its one-point-per-second series, alerts and Hawkes views. */
class LiveStateTest {
    private static final long T0 = 1_763_800_000_000L;

    private static LiveState state(int maxSeries) {
        return new LiveState(ConfigLoader.parse(LivePageTest.CONFIG).monitors(), maxSeries);
    }

    private static JsonNode series(JsonNode snapshot, int monitor) {
        return snapshot.path("monitors").get(monitor).path("series");
    }

    @Test
    void onePointPerSecondKeepsTheStrongestStepAndTheRingIsBounded() {
        LiveState s = state(8);
        // 4 steps per second for 400 s: 1600 steps, 400 buckets, ring of 300
        for (int i = 0; i < 1600; i++) {
            double e = i % 4 == 1 ? 50.0 : 1.0 + i * 1e-4;   // the second step of each second is the strongest
            s.evidence(evidence("pairs", "k", "skit", T0 + i * 250L, e, 1 / e, false, Map.of()));
        }
        JsonNode k = series(s.snapshot(12, 0), 0).get(0);
        assertThat(k.path("t")).hasSize(LiveState.POINTS_PER_SERIES);
        assertThat(k.path("t").get(0).asLong()).as("oldest kept bucket").isEqualTo(T0 + 100_000 + 250);
        for (JsonNode e : k.path("e_value")) {
            assertThat(e.asDouble()).isEqualTo(50.0);
        }
        assertThat(k.path("latest").path("e_value").asDouble()).as("latest is the newest step, not its bucket's peak")
                .isEqualTo(1.0 + 1599 * 1e-4);
    }

    @Test
    void anAlarmWinsItsBucketOverALargerEValue() {
        LiveState s = state(8);
        s.evidence(evidence("pairs", "k", "skit", T0, 500.0, 0.002, false, Map.of()));
        s.evidence(evidence("pairs", "k", "skit", T0 + 10, 120.0, 0.008, true, Map.of()));
        s.evidence(evidence("pairs", "k", "skit", T0 + 20, 900.0, 0.001, false, Map.of()));
        JsonNode k = series(s.snapshot(12, 0), 0).get(0);
        assertThat(k.path("alarm").toString()).isEqualTo("[1]");
        assertThat(k.path("e_value").get(0).asDouble()).isEqualTo(120.0);
    }

    @Test
    void theLeastRecentlyUpdatedSeriesIsEvictedAtTheCap() {
        LiveState s = state(3);
        for (String key : new String[] {"a", "b", "c"}) {
            s.evidence(evidence("pairs", key, "skit", T0, 1.0, 1.0, false, Map.of()));
        }
        s.evidence(evidence("pairs", "a", "skit", T0 + 1000, 1.0, 1.0, false, Map.of()));   // b is now the oldest
        s.evidence(evidence("cascade", "d", "skit", T0, 1.0, 1.0, false, Map.of()));
        JsonNode snap = s.snapshot(12, 0);
        assertThat(snap.path("series_evicted").asLong()).isEqualTo(1);
        assertThat(series(snap, 0).findValuesAsText("key")).containsExactlyInAnyOrder("a", "c");
        assertThat(series(snap, 1).findValuesAsText("key")).containsExactly("d");
    }

    @Test
    void seriesAreOrderedOpenAlertFirstThenByEvidenceAndCappedPerMonitor() {
        LiveState s = state(64);
        for (int i = 0; i < 20; i++) {
            s.evidence(evidence("pairs", "k" + i, "skit", T0, 1.0 + i, 1.0 / (1 + i), false, Map.of()));
        }
        s.alert(alert("x", "k3", AlertState.OPEN));
        JsonNode shown = series(s.snapshot(5, 0), 0);
        assertThat(shown.findValuesAsText("key")).containsExactly("k3", "k19", "k18", "k17", "k16");
        assertThat(s.snapshot(5, 0).path("monitors").get(0).path("series_tracked").asInt()).isEqualTo(20);
        assertThat(series(s.snapshot(1000, 0), 0)).hasSize(20);   // asked for more than the cap of 64: all 20
    }

    @Test
    void alertsOpenUpdateAndResolveAndOnlyTheConfiguredMonitorsCount() {
        LiveState s = state(8);
        s.alert(alert("1", "a", AlertState.OPEN));
        s.alert(alert("2", "b", AlertState.OPEN));
        s.alert(alert("1", "a", AlertState.UPDATE));
        s.alert(alert("2", "b", AlertState.RESOLVED));
        s.alert(Alert.newBuilder(alert("3", "c", AlertState.OPEN)).setMonitor("someone-elses").build());
        s.evidence(evidence("someone-elses", "c", "skit", T0, 1.0, 1.0, false, Map.of()));
        JsonNode snap = s.snapshot(12, 0);
        assertThat(snap.path("open_alerts").findValuesAsText("id")).containsExactly("1");
        assertThat(snap.path("open_alerts").get(0).path("state").asText()).isEqualTo("UPDATE");
        assertThat(snap.path("recent_alerts")).hasSize(4);
        assertThat(snap.path("recent_alerts").get(0).path("state").asText()).as("newest first").isEqualTo("RESOLVED");
        assertThat(snap.path("evidence_seen").asLong()).isZero();
        for (int i = 0; i < 2 * LiveState.RECENT_ALERTS; i++) {
            s.alert(alert("r" + i, "a", AlertState.RESOLVED));
        }
        assertThat(s.snapshot(12, 0).path("recent_alerts")).hasSize(LiveState.RECENT_ALERTS);
    }

    @Test
    void outputRecordsAreDispatchedByShapeAndBadOnesAreSkipped() {
        LiveState s = state(8);
        byte[] ev = io.witness.jobs.codec.AvroJson.write(evidence("pairs", "a", "skit", T0, 2.0, 0.5, false, Map.of()));
        byte[] al = io.witness.jobs.codec.AvroJson.write(alert("9", "a", AlertState.OPEN));
        assertThat(LiveFeed.dispatch(ev, s)).isNull();
        assertThat(LiveFeed.dispatch(al, s).getId()).isEqualTo("9");
        assertThat(LiveFeed.dispatch("not json".getBytes(StandardCharsets.UTF_8), s)).isNull();
        assertThat(LiveFeed.dispatch("{\"id\":1}".getBytes(StandardCharsets.UTF_8), s)).isNull();
        assertThat(LiveFeed.dispatch(null, s)).isNull();
        JsonNode snap = s.snapshot(12, 0);
        assertThat(snap.path("evidence_seen").asLong()).isEqualTo(1);
        assertThat(snap.path("alerts_seen").asLong()).isEqualTo(1);
    }

    @Test
    void aHawkesExplanationThatDoesNotParseIsShownAsAnError() {
        LiveState s = state(8);
        s.evidence(evidence("cascade", "bad-shape", "hawkes", T0, null, 0.5, false, Map.of("alpha", "[[0.1,0.2],[0.3]]")));
        s.evidence(evidence("cascade", "negative", "hawkes", T0, null, 0.4, false, Map.of("alpha", "[[-1]]")));
        s.evidence(evidence("cascade", "no-matrix", "hawkes", T0, null, 0.3, false, Map.of()));
        s.evidence(evidence("cascade", "ok", "hawkes", T0, null, 0.2, false, Map.of("alpha", "[[0.5]]")));
        Map<String, String> errors = new java.util.TreeMap<>();
        for (JsonNode h : s.snapshot(12, 0).path("hawkes")) {
            errors.put(h.path("key").asText(), h.path("error").asText("none"));
        }
        assertThat(errors).containsEntry("ok", "none");
        assertThat(errors.get("bad-shape")).contains("not square");
        assertThat(errors.get("negative")).contains("not a finite number");
        assertThat(errors.get("no-matrix")).contains("no 'alpha'");
        JsonNode ok = s.snapshot(12, 0).path("hawkes").findParent("nodes");
        assertThat(ok.path("nodes").toString()).isEqualTo("[\"0\"]");   // unnamed nodes are numbered
        assertThat(ok.path("mu").isNull()).isTrue();
    }

    private static Alert alert(String id, String key, AlertState state) {
        Evidence e = evidence("pairs", key, "skit", T0, 120.0, 0.008, true, Map.of());
        return Alert.newBuilder().setId(id).setMonitor("pairs").setKey(key).setMethod("skit").setState(state)
                .setOpenedAt(T0).setEvidence(e).setMessage("m").build();
    }
}
