package io.witness.jobs.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bad records a kill-and-restart run found mishandled, put into the integration scenario's input: invalid
 * UTF-8 that Jackson alone accepts (it made keys such as {@code null-13\uFFFD}), and absurd event times
 * (one near {@code Long.MIN_VALUE} overflowed the lateness arithmetic and made every later event of its key
 * LATE). Each is followed by the scenario's good events of the same keys.
 */
final class BadRecords {
    /** One record to produce: Kafka key and raw value bytes (also one line of the replay file). */
    record Raw(String kafkaKey, byte[] value) {
    }

    /** Dead letters of the scenario (ItScenario) plus this corpus, by reason, for the scenario's two monitors. */
    static final Map<String, Integer> EXPECTED_REASONS = Map.of(
            "LATE", 2, "MALFORMED", 1 + 3, "NOT_FINITE", 1, "TIME_OUT_OF_RANGE", 3, "WRONG_DIMENSION", 1);

    private BadRecords() {
    }

    /** The scenario's lines with the corpus inserted after the first third. */
    static List<Raw> withCorpus(List<ItScenario.Line> lines) {
        List<Raw> out = new ArrayList<>();
        int at = lines.size() / 3;
        for (int i = 0; i < lines.size(); i++) {
            if (i == at) {
                out.addAll(corpus(ItScenario.time(0)));
            }
            out.add(new Raw(lines.get(i).kafkaKey(), lines.get(i).json().getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    static List<Raw> corpus(long t) {
        List<Raw> c = new ArrayList<>();
        // overlong '/', an encoded surrogate, a code point above U+10FFFF: MALFORMED, not a key with U+FFFD
        c.add(new Raw("bad", keyWithBytes(t, 0xC0, 0xAF)));
        c.add(new Raw("bad", keyWithBytes(t, 0xED, 0xA0, 0x80)));
        c.add(new Raw("bad", keyWithBytes(t, 0xF4, 0x90, 0x80, 0x80)));
        // absurd event times on keys that go on with good events: TIME_OUT_OF_RANGE, and no later LATE
        c.add(new Raw(ItScenario.IND_KEY_1, event(ItScenario.IND_KEY_1, Long.MIN_VALUE + 1)));
        c.add(new Raw(ItScenario.IND_KEY_2, event(ItScenario.IND_KEY_2, -1)));
        c.add(new Raw(ItScenario.DEP_KEY, event(ItScenario.DEP_KEY, t * 1000)));   // microseconds
        return c;
    }

    private static byte[] keyWithBytes(long t, int... bytes) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("{\"key\":\"null-13".getBytes(StandardCharsets.UTF_8));
        for (int x : bytes) {
            b.write(x);
        }
        b.writeBytes(("\",\"time\":" + t + ",\"fields\":{\"x\":0.1,\"y\":0.2,\"u\":0.3,\"v\":0.4}}")
                .getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    private static byte[] event(String key, long time) {
        return ("{\"key\":\"" + key + "\",\"time\":" + time + ",\"fields\":{\"x\":0.5,\"y\":0.5,\"u\":0.5,\"v\":0.5}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
