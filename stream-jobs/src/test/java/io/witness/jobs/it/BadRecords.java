package io.witness.jobs.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A corpus of bad records of every kind the pipeline dead-letters, spread through the integration scenario's
 * input (so that kills land between them, and a duplicate or a late event may come after a restore), each
 * with the dead letters it must give: one per record when the whole record is unusable (both monitors of
 * the scenario write to one dead-letter topic), one per monitor when only some monitors cannot use it
 * (a field one monitor reads; LATE and DUPLICATE, which are decided per (monitor, key)).
 *
 * <p>Among them are those a kill-and-restart run found mishandled: invalid UTF-8 that Jackson alone accepts
 * (it made keys such as {@code null-13\uFFFD}), absurd event times (one near {@code Long.MIN_VALUE}
 * overflowed the lateness arithmetic and made every later event of its key LATE; an ISO-8601 time beyond
 * epoch milliseconds threw and failed the job on every restart), and a key of a few kilobytes per char
 * (outputs larger than the sink's {@code max.request.size} failed the job on every restart). Three records
 * exist on Kafka only: an empty value, a null value (tombstone) and blanks, which a replay file cannot hold
 * (a blank line is no record there).
 */
final class BadRecords {
    /** Records larger than this are TOO_LARGE in the tests' config ({@code job.max-record-bytes}). */
    static final int MAX_RECORD_BYTES = 64 * 1024;
    /** A key of its own for the odd but valid records, so they never make a scenario key's events LATE. */
    static final String ODD_KEY = "odd-q";

    /**
     * One record to produce: Kafka key and raw value bytes (also one line of the replay file unless
     * {@code kafkaOnly}), and the reasons of the dead letters it must give (empty: none; null: one of the
     * scenario's own records, checked by the totals only).
     */
    record Raw(String kafkaKey, byte[] value, List<String> expected, boolean kafkaOnly) {
        static Raw good(String kafkaKey, byte[] value) {
            return new Raw(kafkaKey, value, null, false);
        }
    }

    private BadRecords() {
    }

    /**
     * Dead letters of the scenario's own bad records (ItScenario: one malformed, one NaN, one wrong dimension,
     * one late record read by both monitors) plus this corpus, by reason.
     */
    static Map<String, Integer> expectedReasons(List<Raw> records) {
        Map<String, Integer> n = new TreeMap<>(Map.of("MALFORMED", 1, "NOT_FINITE", 1, "WRONG_DIMENSION", 1, "LATE", 2));
        records.stream().filter(r -> r.expected() != null).forEach(r -> r.expected().forEach(x -> n.merge(x, 1, Integer::sum)));
        return n;
    }

    /** The scenario's lines with the corpus spread evenly through them. */
    static List<Raw> withCorpus(List<ItScenario.Line> lines) {
        int size = corpus(0, 0, null).size();
        List<Raw> out = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < lines.size(); i++) {
            ItScenario.Line l = lines.get(i);
            if (next < size && i == (long) (next + 1) * lines.size() / (size + 1)) {
                // the record to duplicate: the newest good line of DEP_KEY a few lines back
                String dup = null;
                for (int j = i - 7; j >= Math.max(0, i - 30) && dup == null; j--) {
                    if (lines.get(j).kafkaKey().equals(ItScenario.DEP_KEY) && lines.get(j).json().endsWith("}}")) {
                        dup = lines.get(j).json();
                    }
                }
                out.add(corpus(ItScenario.timeOf(l), next, dup).get(next));
                next++;
            }
            out.add(Raw.good(l.kafkaKey(), l.json().getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static List<String> one(String reason) {
        return List.of(reason);
    }

    /** Per monitor (the scenario has two reading the same fields' topic): dep reads x, y; ctl reads u, v. */
    private static List<String> both(String reason) {
        return List.of(reason, reason);
    }

    /**
     * The corpus; {@code t} is the event time of the scenario line it goes before, {@code dup} that of a
     * recent good line of DEP_KEY (the duplicate), {@code at} its place in the list (for distinct values).
     */
    static List<Raw> corpus(long t, int at, String dup) {
        List<Raw> c = new ArrayList<>();
        String ind1 = ItScenario.IND_KEY_1;
        String ind2 = ItScenario.IND_KEY_2;
        // --- not JSON, or not an Event object
        c.add(bad("bad", "{\"key\":\"" + ind1 + "\",\"time\":" + t + ",\"fields\":{\"x\":", one("MALFORMED")));
        c.add(bad("bad", "this is not JSON", one("MALFORMED")));
        c.add(bad("bad", "[1,2,3]", one("MALFORMED")));
        c.add(bad("bad", "{\"key\":\"a\",\"time\":1} {\"key\":\"b\",\"time\":2}", one("MALFORMED")));
        c.add(bad("bad", "{\"key\":42,\"time\":" + t + "}", one("MALFORMED")));
        c.add(bad("bad", "{\"key\":\"\",\"time\":" + t + "}", one("MALFORMED")));
        c.add(bad("bad", "{\"key\":\"" + ODD_KEY + "\",\"time\":" + t + ",\"fields\":[1,2]}", one("MALFORMED")));
        c.add(bad("bad", "{\"key\":\"" + ODD_KEY + "\",\"time\":" + t + ",\"type\":7,\"fields\":{}}", one("MALFORMED")));
        // --- invalid UTF-8: overlong '/', an encoded surrogate, a code point above U+10FFFF, binary
        c.add(new Raw("bad", keyWithBytes(t, 0xC0, 0xAF), one("MALFORMED"), false));
        c.add(new Raw("bad", keyWithBytes(t, 0xED, 0xA0, 0x80), one("MALFORMED"), false));
        c.add(new Raw("bad", keyWithBytes(t, 0xF4, 0x90, 0x80, 0x80), one("MALFORMED"), false));
        c.add(new Raw("bad", new byte[] {0x00, (byte) 0xFF, (byte) 0xFE, 0x01, 0x7B}, one("MALFORMED"), false));
        // --- missing key, missing time, a missing field one monitor reads
        c.add(bad("bad", "{\"time\":" + t + ",\"fields\":{\"x\":0.1,\"y\":0.2,\"u\":0.3,\"v\":0.4}}", one("MISSING_FIELD")));
        c.add(bad(ODD_KEY, "{\"key\":\"" + ODD_KEY + "\",\"fields\":{\"x\":0.1,\"y\":0.2,\"u\":0.3,\"v\":0.4}}", one("MISSING_FIELD")));
        c.add(bad(ODD_KEY, odd(t, "\"x\":null,\"y\":0.2,\"u\":" + at + ".25,\"v\":0.4"), one("MISSING_FIELD")));
        // --- NaN / Infinity, as literals, strings and an overflowing number
        c.add(bad(ODD_KEY, odd(t, "\"x\":NaN,\"y\":0.2,\"u\":" + at + ".5,\"v\":0.4"), one("NOT_FINITE")));
        c.add(bad(ODD_KEY, odd(t, "\"x\":\"Infinity\",\"y\":0.2,\"u\":\"-Infinity\",\"v\":0.4"), both("NOT_FINITE")));
        c.add(bad(ODD_KEY, odd(t, "\"x\":1e400,\"y\":0.2,\"u\":" + at + ".75,\"v\":0.4"), one("NOT_FINITE")));
        c.add(bad(ODD_KEY, "{\"key\":\"" + ODD_KEY + "\",\"time\":NaN,\"fields\":{}}", one("NOT_FINITE")));
        // --- wrong dimension: a vector where a number is declared, also an absurdly long one
        c.add(bad(ODD_KEY, odd(t, "\"x\":0.1,\"y\":[1,2],\"u\":" + at + ".125,\"v\":0.4"), one("WRONG_DIMENSION")));
        c.add(bad(ODD_KEY, odd(t, "\"x\":" + vector(20_000) + ",\"y\":0.2,\"u\":" + at + ".375,\"v\":0.4"), one("WRONG_DIMENSION")));
        // --- absurd sizes: a number of 2000 digits, nesting 2000 deep, a 5000-byte key, a 30 kB field name, a
        //     record over job.max-record-bytes; and a large valid record (a 40 kB source), which is no dead letter
        c.add(bad(ODD_KEY, odd(t, "\"x\":" + "7".repeat(2000) + ",\"y\":0.2,\"u\":0.3,\"v\":0.4"), one("MALFORMED")));
        c.add(bad(ODD_KEY, odd(t, "\"x\":" + "[".repeat(2000) + "]".repeat(2000)), one("MALFORMED")));
        c.add(bad("bad", "{\"key\":\"" + "k".repeat(5000) + "\",\"time\":" + t + ",\"fields\":{\"x\":0.1,\"y\":0.2,\"u\":0.3,\"v\":0.4}}",
                both("TOO_LARGE")));
        c.add(bad(ODD_KEY, odd(t, "\"" + "f".repeat(30_000) + "\":[1,\"z\"]"), one("MALFORMED")));
        c.add(bad(ODD_KEY, odd(t, "\"x\":0.1,\"y\":0.2,\"u\":0.3,\"v\":0.4,\"pad\":\"" + "p".repeat(MAX_RECORD_BYTES) + "\""),
                one("TOO_LARGE")));
        c.add(bad(ODD_KEY, "{\"key\":\"" + ODD_KEY + "\",\"time\":" + t + ",\"source\":\"" + "s".repeat(40_000)
                + "\",\"fields\":{\"x\":0.1,\"y\":0.2,\"u\":0." + (at + 1) + ",\"v\":0.4}}", List.of()));
        // --- absurd event times on keys that go on with good events: TIME_OUT_OF_RANGE, and no later LATE
        c.add(bad(ind1, event(ind1, String.valueOf(Long.MIN_VALUE + 1)), one("TIME_OUT_OF_RANGE")));
        c.add(bad(ind2, event(ind2, "-1"), one("TIME_OUT_OF_RANGE")));
        c.add(bad(ItScenario.DEP_KEY, event(ItScenario.DEP_KEY, String.valueOf(t * 1000)), one("TIME_OUT_OF_RANGE")));   // µs
        c.add(bad(ind1, event(ind1, "\"3000-01-01T00:00:00Z\""), one("TIME_OUT_OF_RANGE")));
        c.add(bad(ind2, event(ind2, "\"+1000000000-12-31T23:59:59Z\""), one("TIME_OUT_OF_RANGE")));
        c.add(bad(ind1, event(ind1, "1e300"), one("MALFORMED")));
        // --- very late (a day behind its key), and an exact duplicate of a recent event of its key
        c.add(bad(ind2, event(ind2, String.valueOf(t - 86_400_000L)), both("LATE")));
        c.add(dup == null ? bad("bad", "{}", one("MISSING_FIELD")) : bad(ItScenario.DEP_KEY, dup, both("DUPLICATE")));
        // --- on Kafka only: empty, null (a tombstone), blanks
        c.add(new Raw("bad", new byte[0], one("MALFORMED"), true));
        c.add(new Raw("bad", null, one("MALFORMED"), true));
        c.add(new Raw("bad", "   ".getBytes(StandardCharsets.UTF_8), one("MALFORMED"), true));
        return c;
    }

    private static Raw bad(String kafkaKey, String value, List<String> expected) {
        return new Raw(kafkaKey, value.getBytes(StandardCharsets.UTF_8), expected, false);
    }

    private static String odd(long t, String fields) {
        return "{\"key\":\"" + ODD_KEY + "\",\"time\":" + t + ",\"fields\":{" + fields + "}}";
    }

    private static String vector(int n) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append(i % 10);
        }
        return b.append(']').toString();
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

    private static String event(String key, String time) {
        return "{\"key\":\"" + key + "\",\"time\":" + time + ",\"fields\":{\"x\":0.5,\"y\":0.5,\"u\":0.5,\"v\":0.5}}";
    }
}
