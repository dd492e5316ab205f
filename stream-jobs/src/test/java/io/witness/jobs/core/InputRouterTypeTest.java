package io.witness.jobs.core;

import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.support.TestData.Collected;
import io.witness.schemas.DeadLetterReason;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Point-process monitors get the event's type from their {@code type-field}; an event without it is a
 * MISSING_FIELD dead letter for that monitor only; other monitors of the topic get no type. Two events
 * in one millisecond with different types are different events for de-duplication.
 */
class InputRouterTypeTest {
    private static final WitnessConfig CONFIG = ConfigLoader.parse("""
            monitors:
              - id: cascades
                source: {topic: t}
                method: hawkes
              - id: by-source
                source: {topic: t}
                type-field: source
                method: hawkes
              - id: dep
                source: {topic: t}
                fields: {x: [a], y: [b]}
                method: skit
            """);

    private final InputRouter router = new InputRouter(CONFIG, false);
    private final List<MonitorInput> inputs = new ArrayList<>();
    private final Collected dead = new Collected();

    private void route(String json) {
        router.route(new RawRecord("t", 0, 1, json.getBytes(StandardCharsets.UTF_8)), inputs::add, dead);
    }

    @Test
    void typedMonitorsGetTheTypeAndUntypedOnesDoNot() {
        route("{\"key\":\"k\",\"time\":5,\"type\":\"timeout\",\"source\":\"api\",\"fields\":{\"a\":1,\"b\":2}}");
        assertThat(inputs).extracting(i -> i.monitor, i -> i.type, i -> i.values.length)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("cascades", "timeout", 0),
                        org.assertj.core.groups.Tuple.tuple("by-source", "api", 0),
                        org.assertj.core.groups.Tuple.tuple("dep", null, 2));
        assertThat(dead.deadLetters).isEmpty();
    }

    @Test
    void aMissingTypeIsAMissingFieldForThatMonitorOnly() {
        route("{\"key\":\"k\",\"time\":5,\"type\":\"timeout\",\"fields\":{\"a\":1,\"b\":2}}");
        assertThat(inputs).extracting(i -> i.monitor).containsExactly("cascades", "dep");
        assertThat(dead.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.getReason()).isEqualTo(DeadLetterReason.MISSING_FIELD);
            assertThat(d.getMonitor()).isEqualTo("by-source");
            assertThat(d.getReasonText()).isEqualTo("field 'source' (the event type of monitor 'by-source') is missing");
        });
    }

    @Test
    void sameTimeDifferentTypeAreNotDuplicates() {
        assertThat(KeyedMonitorProcessor.fingerprint(5, "timeout", new double[0]))
                .isNotEqualTo(KeyedMonitorProcessor.fingerprint(5, "refused", new double[0]));
        assertThat(KeyedMonitorProcessor.fingerprint(5, null, new double[]{1, 2}))
                .isEqualTo(KeyedMonitorProcessor.fingerprint(5, new double[]{1, 2}));
    }
}
