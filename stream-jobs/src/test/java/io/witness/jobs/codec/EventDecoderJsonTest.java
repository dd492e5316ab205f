package io.witness.jobs.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.witness.jobs.config.WireFormat;
import io.witness.jobs.core.BadRecord;
import io.witness.schemas.DeadLetterReason;
import io.witness.schemas.Event;

/** JSON input: the Avro field names, time as epoch ms or ISO-8601, and a reason code for everything unusable. */
class EventDecoderJsonTest {

    private final EventDecoder decoder = new EventDecoder();

    private Event decode(String json) throws BadRecord {
        return decoder.decode(json.getBytes(StandardCharsets.UTF_8), WireFormat.JSON);
    }

    private BadRecord reject(String json) {
        return reject(json.getBytes(StandardCharsets.UTF_8));
    }

    private BadRecord reject(byte[] bytes) {
        BadRecord bad = catchThrowableOfType(BadRecord.class, () -> decoder.decode(bytes, WireFormat.JSON));
        assertThat(bad).as("must be rejected: %s", new String(bytes, StandardCharsets.UTF_8)).isNotNull();
        return bad;
    }

    @Test
    void readsEveryFieldWithEpochMillis() throws BadRecord {
        Event e = decode("{\"key\":\"payments\",\"time\":1763800000000,\"fields\":{\"latency_ms\":118.2,"
                + "\"error_rate\":0.021,\"count\":3},\"type\":\"error\",\"source\":\"edge-7\"}");

        assertThat(e.getKey()).isEqualTo("payments");
        assertThat(e.getTime()).isEqualTo(1_763_800_000_000L);
        assertThat(e.getFields()).containsOnly(entry("latency_ms", 118.2), entry("error_rate", 0.021), entry("count", 3.0));
        assertThat(e.getType()).isEqualTo("error");
        assertThat(e.getSource()).isEqualTo("edge-7");
    }

    @Test
    void optionalPartsTakeTheSchemaDefaults() throws BadRecord {
        Event e = decode("{\"key\":\"k\",\"time\":5}");

        assertThat(e.getFields()).isEmpty();
        assertThat(e.getType()).isNull();
        assertThat(e.getSource()).isNull();
        assertThat(decode("{\"key\":\"k\",\"time\":5,\"fields\":null,\"type\":null}").getFields()).isEmpty();
    }

    @Test
    void ignoresUnknownTopLevelFields() throws BadRecord {
        assertThat(decode("{\"key\":\"k\",\"time\":5,\"fields\":{\"a\":1},\"schema_version\":9}").getFields())
                .containsOnly(entry("a", 1.0));
    }

    static Stream<Arguments> isoTimes() {
        long t = Instant.parse("2026-11-22T08:00:00Z").toEpochMilli();
        return Stream.of(
                Arguments.of("\"2026-11-22T08:00:00Z\"", t),
                Arguments.of("\"2026-11-22T09:00:00+01:00\"", t),
                Arguments.of("\"2026-11-22T03:00:00-05:00\"", t),
                Arguments.of("\"2026-11-22T08:00:00.250Z\"", t + 250),
                Arguments.of("\"" + t + "\"", t),            // epoch ms as a string
                Arguments.of("1.7638E12", 1_763_800_000_000L)); // a whole number written as a float
    }

    @ParameterizedTest(name = "time {0}")
    @MethodSource("isoTimes")
    void acceptsIso8601WithAZoneAndWholeEpochMillis(String time, long expected) throws BadRecord {
        assertThat(decode("{\"key\":\"k\",\"time\":" + time + ",\"fields\":{}}").getTime()).isEqualTo(expected);
    }

    @Test
    void expandsAVectorArrayIntoIndexedEntries() throws BadRecord {
        Event e = decode("{\"key\":\"k\",\"time\":1,\"fields\":{\"emb\":[0.1,0.4,-0.2],\"a\":2}}");

        assertThat(e.getFields()).containsOnly(entry("emb[0]", 0.1), entry("emb[1]", 0.4), entry("emb[2]", -0.2),
                entry("a", 2.0));
    }

    @Test
    void nonFiniteLiteralsAndStringsDecodeSoThatValidationCanSayNotFinite() throws BadRecord {
        // JSON has no NaN or infinity: literals and strings both get through decoding as non-finite
        // values, and a monitor that reads them dead-letters the record as NOT_FINITE (InputRouterTest).
        Event e = decode("{\"key\":\"k\",\"time\":1,\"fields\":{\"a\":NaN,\"b\":Infinity,\"c\":-Infinity,"
                + "\"d\":\"NaN\",\"e\":\"-Infinity\",\"f\":1e400,\"v\":[1.0,\"Infinity\"]}}");

        assertThat(e.getFields().get("a")).isNaN();
        assertThat(e.getFields().get("b")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(e.getFields().get("c")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(e.getFields().get("d")).isNaN();
        assertThat(e.getFields().get("e")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(e.getFields().get("f")).as("too large for a double").isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(e.getFields().get("v[1]")).isEqualTo(Double.POSITIVE_INFINITY);
    }

    static Stream<Arguments> badRecords() {
        return Stream.of(
                Arguments.of("{\"time\":1,\"fields\":{}}", DeadLetterReason.MISSING_FIELD, "field 'key' is missing"),
                Arguments.of("{\"key\":null,\"time\":1}", DeadLetterReason.MISSING_FIELD, "field 'key' is missing"),
                Arguments.of("{\"key\":\"k\",\"fields\":{}}", DeadLetterReason.MISSING_FIELD, "field 'time' is missing"),
                Arguments.of("{\"key\":42,\"time\":1}", DeadLetterReason.MALFORMED, "field 'key' must be a non-empty string"),
                Arguments.of("{\"key\":\"\",\"time\":1}", DeadLetterReason.MALFORMED, "field 'key' must be a non-empty string"),
                Arguments.of("{\"key\":\"k\",\"time\":\"yesterday\"}", DeadLetterReason.MALFORMED,
                        "field 'time' is neither epoch ms nor ISO-8601: 'yesterday'"),
                Arguments.of("{\"key\":\"k\",\"time\":\"2026-11-22T08:00:00\"}", DeadLetterReason.MALFORMED,
                        "field 'time' is neither epoch ms nor ISO-8601: '2026-11-22T08:00:00'"),
                Arguments.of("{\"key\":\"k\",\"time\":true}", DeadLetterReason.MALFORMED,
                        "field 'time' must be epoch ms or an ISO-8601 string"),
                Arguments.of("{\"key\":\"k\",\"time\":1.5}", DeadLetterReason.MALFORMED,
                        "field 'time' must be whole epoch milliseconds, got 1.5"),
                Arguments.of("{\"key\":\"k\",\"time\":NaN}", DeadLetterReason.NOT_FINITE, "field 'time' is NaN"),
                // an ISO-8601 instant reaches year 1e9, epoch ms only 292 million years: this one threw
                // ArithmeticException, which failed the job on every restart
                Arguments.of("{\"key\":\"k\",\"time\":\"+1000000000-12-31T23:59:59Z\"}", DeadLetterReason.TIME_OUT_OF_RANGE,
                        "event time '+1000000000-12-31T23:59:59Z' is beyond the range of epoch milliseconds"),
                Arguments.of("{\"key\":\"k\",\"time\":\"+999999999-12-31T23:59:59-18:00\"}", DeadLetterReason.TIME_OUT_OF_RANGE,
                        "event time '+999999999-12-31T23:59:59-18:00' is beyond the range of epoch milliseconds"),
                Arguments.of("{\"key\":\"k\",\"time\":1e300}", DeadLetterReason.MALFORMED,
                        "field 'time' must be whole epoch milliseconds, got 1.0E300"),
                Arguments.of("{\"key\":\"k\",\"time\":1,\"fields\":{\"a\":\"fast\"}}", DeadLetterReason.MALFORMED,
                        "field 'a' must be a number or an array of numbers, got string"),
                Arguments.of("{\"key\":\"k\",\"time\":1,\"fields\":{\"a\":true}}", DeadLetterReason.MALFORMED,
                        "field 'a' must be a number or an array of numbers, got boolean"),
                Arguments.of("{\"key\":\"k\",\"time\":1,\"fields\":{\"a\":{\"b\":1}}}", DeadLetterReason.MALFORMED,
                        "field 'a' must be a number or an array of numbers, got object"),
                Arguments.of("{\"key\":\"k\",\"time\":1,\"fields\":{\"v\":[1,\"x\"]}}", DeadLetterReason.MALFORMED,
                        "field 'v[1]' must be a number"),
                Arguments.of("{\"key\":\"k\",\"time\":1,\"fields\":[1,2]}", DeadLetterReason.MALFORMED,
                        "field 'fields' must be an object of numbers"),
                Arguments.of("{\"key\":\"k\",\"time\":1,\"type\":7}", DeadLetterReason.MALFORMED,
                        "field 'type' must be a string"),
                Arguments.of("[1,2,3]", DeadLetterReason.MALFORMED, "an Event must be a JSON object"),
                Arguments.of("null", DeadLetterReason.MALFORMED, "an Event must be a JSON object"),
                Arguments.of("", DeadLetterReason.MALFORMED, "empty record"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badRecords")
    void rejectsWithReasonAndATextNamingTheField(String json, DeadLetterReason reason, String text) {
        BadRecord bad = reject(json);

        assertThat(bad.reason()).isEqualTo(reason);
        assertThat(bad.getMessage()).isEqualTo(text);
    }

    @Test
    void keepsTheKeyOnceItIsKnown() {
        assertThat(reject("{\"key\":\"payments\",\"fields\":{}}").key()).isEqualTo("payments");
        assertThat(reject("{\"key\":\"payments\",\"time\":1,\"fields\":{\"a\":\"x\"}}").key()).isEqualTo("payments");
        assertThat(reject("{\"time\":1}").key()).isNull();
    }

    @Test
    void malformedJsonIsMalformed() {
        assertThat(reject("{\"key\":\"k\",\"time\":").reason()).isEqualTo(DeadLetterReason.MALFORMED);
        assertThat(reject("{\"key\":\"k\",\"time\":").getMessage()).startsWith("not valid JSON: ");
        assertThat(reject("key=k time=1").reason()).isEqualTo(DeadLetterReason.MALFORMED);
        assertThat(reject("{'key':'k','time':1}").reason()).isEqualTo(DeadLetterReason.MALFORMED);
    }

    @Test
    void twoEventsInOneRecordAreMalformedNotHalfRead() {
        // a JSONL line holding two objects must not silently lose the second one
        BadRecord bad = reject("{\"key\":\"a\",\"time\":1,\"fields\":{}} {\"key\":\"b\",\"time\":2,\"fields\":{}}");

        assertThat(bad.reason()).isEqualTo(DeadLetterReason.MALFORMED);
        assertThat(bad.getMessage()).startsWith("not valid JSON: ");
    }

    @Test
    void bytesThatAreNotUtf8AreMalformed() {
        byte[] bytes = "{\"key\":\"k\u00ff\",\"time\":1}".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(reject(bytes).reason()).isEqualTo(DeadLetterReason.MALFORMED);
    }
}
