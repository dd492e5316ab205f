package io.witness.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.support.TestData.Collected;
import io.witness.schemas.DeadLetter;
import io.witness.schemas.DeadLetterReason;

/**
 * Whatever the input, every record Witness writes stays far below the sink's {@code max.request.size}: a key
 * (or event type) longer than {@link InputRouter#MAX_KEY_BYTES} is TOO_LARGE, and a dead letter's reason text
 * and key are cut. A ~1 MB key once made evidence records the producer refused, which failed the job and
 * restarted it on the same record forever.
 */
class BoundedOutputsTest {
    private static final WitnessConfig CONFIG = ConfigLoader.parse("""
            monitors:
              - id: by-key
                source: {topic: t}
                fields: {x: [a], y: [b]}
                method: skit
              - id: by-type
                source: {topic: t}
                key: type
                fields: {x: [a], y: [b]}
                method: skit
                outputs: {dead-letters: dlq.type}
            """);

    private final InputRouter router = new InputRouter(CONFIG, false);
    private final List<MonitorInput> inputs = new ArrayList<>();
    private final Collected dead = new Collected();

    private void route(String key, String type) {
        String json = "{\"key\":\"" + key + "\",\"type\":\"" + type + "\",\"time\":1,\"fields\":{\"a\":1,\"b\":2}}";
        router.route(new RawRecord("t", 0, 7, json.getBytes(StandardCharsets.UTF_8)), inputs::add, dead);
    }

    @Test
    void aKeyOfTheLimitIsAKey() {
        route("k".repeat(InputRouter.MAX_KEY_BYTES), "error");

        assertThat(inputs).extracting(i -> i.key.length()).containsExactlyInAnyOrder(InputRouter.MAX_KEY_BYTES, 5);
        assertThat(dead.deadLetters).isEmpty();
    }

    @Test
    void aLongerKeyIsTooLargeForTheMonitorItKeysAndTheDeadLetterCarriesItCut() {
        route("k".repeat(InputRouter.MAX_KEY_BYTES + 1), "error");

        assertThat(inputs).extracting(i -> i.monitor).containsExactly("by-type");
        assertThat(dead.deadLetters).hasSize(1);
        DeadLetter d = dead.deadLetters.get(0);
        assertThat(d.getReason()).isEqualTo(DeadLetterReason.TOO_LARGE);
        assertThat(d.getMonitor()).isEqualTo("by-key");
        assertThat(d.getReasonText()).isEqualTo("field 'key' (the key of monitor 'by-key') is 4097 bytes of UTF-8, more than 4096");
        assertThat(d.getKey()).hasSize(InputRouter.MAX_KEY_BYTES + "…(4097 chars)".length()).endsWith("…(4097 chars)");
    }

    @Test
    void theLimitCountsUtf8BytesNotChars() {
        // 1366 euro signs: 1366 chars, 4098 bytes
        route("€".repeat(1366), "€".repeat(1365));

        assertThat(inputs).extracting(i -> i.monitor).containsExactly("by-type");
        assertThat(dead.deadLetters).extracting(DeadLetter::getReasonText)
                .containsExactly("field 'key' (the key of monitor 'by-key') is 4098 bytes of UTF-8, more than 4096");
    }

    @Test
    void aLongEventTypeIsTooLargeWhereItIsTheKey() {
        route("svc", "t".repeat(5000));

        assertThat(inputs).extracting(i -> i.monitor).containsExactly("by-key");
        assertThat(dead.deadLetters).extracting(DeadLetter::getReason).containsExactly(DeadLetterReason.TOO_LARGE);
        assertThat(dead.deadLetterTopics).containsExactly("dlq.type");
    }

    @Test
    void aReasonTextQuotingAHugeFieldNameIsCut() {
        String json = "{\"key\":\"k\",\"time\":1,\"fields\":{\"" + "f".repeat(30_000) + "\":[1,\"z\"]}}";
        router.route(new RawRecord("t", 0, 8, json.getBytes(StandardCharsets.UTF_8)), inputs::add, dead);

        assertThat(dead.deadLetters).hasSize(2);   // one per dead-letter topic
        for (DeadLetter d : dead.deadLetters) {
            assertThat(d.getReason()).isEqualTo(DeadLetterReason.MALFORMED);
            assertThat(d.getReasonText()).startsWith("field 'fff").endsWith("…(30028 chars)")
                    .hasSize(DeadLetters.MAX_TEXT_CHARS + "…(30028 chars)".length());
            assertThat(d.getPayload()).hasSize(DeadLetters.MAX_PAYLOAD_BYTES);
        }
    }

    @Test
    void cuttingNeverSplitsASurrogatePair() {
        String s = "a".repeat(9) + "\uD83D\uDE80" + "b";

        assertThat(DeadLetters.cut(s, 10)).isEqualTo("a".repeat(9) + "…(12 chars)");
        assertThat(DeadLetters.cut(s, 12)).isSameAs(s);
        assertThat(DeadLetters.cut(null, 3)).isNull();
    }
}
