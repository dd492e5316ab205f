package io.witness.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

import io.prometheus.client.CollectorRegistry;
import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.support.TestData.Collected;
import io.witness.schemas.DeadLetter;
import io.witness.schemas.DeadLetterReason;
import io.witness.schemas.Event;
import io.witness.schemas.PayloadEncoding;

/** Decode + validate: each record becomes one input per monitor of its topic, or dead letters with the reason. */
class InputRouterTest {

    private static final WitnessConfig CONFIG = ConfigLoader.parse("""
            job: {max-record-bytes: 256}
            monitors:
              - id: scalar
                source: {topic: t1}
                fields: {x: [a], y: [b]}
                method: skit
              - id: vec
                source: {topic: t1}
                fields: {x: ['emb[3]'], y: [b]}
                method: skit
                outputs: {dead-letters: dlq.vec}
              - id: by-type
                source: {topic: t2}
                key: type
                fields: {x: [a], y: [b]}
                method: skit
              - id: avro
                source: {topic: t3, format: avro}
                fields: {x: [a], y: [b]}
                method: skit
            """);

    private final InputRouter router = new InputRouter(CONFIG, false);
    private final List<MonitorInput> inputs = new ArrayList<>();
    private final Collected dead = new Collected();

    private void route(String topic, long offset, byte[] value) {
        router.route(new RawRecord(topic, 3, offset, value), inputs::add, dead);
    }

    private void route(String topic, String json) {
        route(topic, 42, json.getBytes(StandardCharsets.UTF_8));
    }

    private static double deadLetterCount(DeadLetterReason reason) {
        Double v = CollectorRegistry.defaultRegistry.getSampleValue("witness_dead_letters_total",
                new String[] {"reason"}, new String[] {reason.name()});
        return v == null ? 0 : v;
    }

    private DeadLetter onlyDeadLetterOf(String monitor) {
        List<DeadLetter> of = dead.deadLetters.stream().filter(d -> monitor.equals(d.getMonitor())).toList();
        assertThat(of).as("dead letters of monitor %s", monitor).hasSize(1);
        return of.get(0);
    }

    private MonitorInput onlyInputOf(String monitor) {
        List<MonitorInput> of = inputs.stream().filter(i -> i.monitor.equals(monitor)).toList();
        assertThat(of).as("inputs of monitor %s", monitor).hasSize(1);
        return of.get(0);
    }

    @Test
    void oneRecordFeedsEveryMonitorOfItsTopicInRoleOrder() {
        route("t1", "{\"key\":\"payments\",\"time\":1000,\"fields\":{\"b\":2.5,\"a\":1.5,\"emb\":[0.1,0.2,0.3],\"other\":9}}");

        assertThat(dead.deadLetters).isEmpty();
        assertThat(inputs).extracting(i -> i.monitor).containsExactly("scalar", "vec");
        MonitorInput s = onlyInputOf("scalar");
        assertThat(s.values).containsExactly(1.5, 2.5);              // x then y
        assertThat(onlyInputOf("vec").values).containsExactly(0.1, 0.2, 0.3, 2.5);
        assertThat(s.key).isEqualTo("payments");
        assertThat(s.time).isEqualTo(1000);
        assertThat(s.topic).isEqualTo("t1");
        assertThat(s.partition).isEqualTo(3);
        assertThat(s.offset).isEqualTo(42);
        assertThat(s.routingKey()).isEqualTo("scalar\u0000payments");
    }

    @Test
    void vectorEntriesMayBeWrittenAsIndexedFields() {
        route("t1", "{\"key\":\"k\",\"time\":1,\"fields\":{\"b\":2,\"a\":1,\"emb[2]\":0.3,\"emb[0]\":0.1,\"emb[1]\":0.2}}");

        assertThat(onlyInputOf("vec").values).containsExactly(0.1, 0.2, 0.3, 2.0);
    }

    @Test
    void recordOfAnUnreadTopicIsIgnored() {
        route("nobody-reads-this", "not even json");

        assertThat(inputs).isEmpty();
        assertThat(dead.deadLetters).isEmpty();
    }

    @Test
    void tooLargeRecordGetsOneDeadLetterPerDeadLetterTopicWithSourcePosition() {
        double before = deadLetterCount(DeadLetterReason.TOO_LARGE);
        String big = "{\"key\":\"k\",\"time\":1,\"fields\":{\"a\":1,\"b\":2},\"source\":\"" + "x".repeat(300) + "\"}";

        route("t1", 77, big.getBytes(StandardCharsets.UTF_8));

        assertThat(inputs).isEmpty();
        assertThat(dead.deadLetterTopics).containsExactly("witness.dead-letters", "dlq.vec");
        assertThat(dead.deadLetters).allSatisfy(d -> {
            assertThat(d.getReason()).isEqualTo(DeadLetterReason.TOO_LARGE);
            assertThat(d.getReasonText()).isEqualTo("record of " + big.length() + " bytes exceeds job.max-record-bytes = 256");
            assertThat(d.getTopic()).isEqualTo("t1");
            assertThat(d.getPartition()).isEqualTo(3);
            assertThat(d.getOffset()).isEqualTo(77L);
            assertThat(d.getPayload()).isEqualTo(big);
            assertThat(d.getPayloadEncoding()).isEqualTo(PayloadEncoding.UTF8);
            assertThat(d.getMonitor()).as("two monitors read t1: not monitor-specific").isNull();
        });
        assertThat(deadLetterCount(DeadLetterReason.TOO_LARGE) - before).isEqualTo(2.0);
    }

    @Test
    void tooLargeRecordOfASingleMonitorTopicNamesTheMonitorAndTruncatesThePayload() {
        byte[] huge = ("{\"key\":\"k\",\"time\":1,\"type\":\"" + "y".repeat(40_000) + "\"}").getBytes(StandardCharsets.UTF_8);

        route("t2", 1, huge);

        DeadLetter d = onlyDeadLetterOf("by-type");
        assertThat(d.getReason()).isEqualTo(DeadLetterReason.TOO_LARGE);
        assertThat(d.getPayload()).hasSize(DeadLetters.MAX_PAYLOAD_BYTES);
        assertThat(d.getPayload()).isEqualTo(new String(huge, 0, DeadLetters.MAX_PAYLOAD_BYTES, StandardCharsets.UTF_8));
    }

    @Test
    void malformedRecordIsDeadLetteredWithItsText() {
        double before = deadLetterCount(DeadLetterReason.MALFORMED);

        route("t1", "{\"key\": \"k\", \"time\": ");

        assertThat(inputs).isEmpty();
        assertThat(dead.deadLetters).hasSize(2).allSatisfy(d -> {
            assertThat(d.getReason()).isEqualTo(DeadLetterReason.MALFORMED);
            assertThat(d.getReasonText()).startsWith("not valid JSON: ");
            assertThat(d.getPayload()).isEqualTo("{\"key\": \"k\", \"time\": ");
            assertThat(d.getKey()).isNull();
            assertThat(d.getOffset()).isEqualTo(42L);
        });
        assertThat(deadLetterCount(DeadLetterReason.MALFORMED) - before).isEqualTo(2.0);
    }

    @Test
    void missingValueFieldIsDeadLetteredPerMonitorThatNeedsIt() {
        double before = deadLetterCount(DeadLetterReason.MISSING_FIELD);

        route("t1", "{\"key\":\"payments\",\"time\":1,\"fields\":{\"b\":2,\"emb\":[1,2,3]}}");

        DeadLetter d = onlyDeadLetterOf("scalar");
        assertThat(dead.deadLetters).hasSize(1);
        assertThat(d.getReason()).isEqualTo(DeadLetterReason.MISSING_FIELD);
        assertThat(d.getReasonText()).isEqualTo("field 'a' is missing");
        assertThat(d.getKey()).isEqualTo("payments");
        assertThat(dead.deadLetterTopics).containsExactly("witness.dead-letters");
        assertThat(inputs).extracting(i -> i.monitor).containsExactly("vec");   // the other monitor still gets it
        assertThat(deadLetterCount(DeadLetterReason.MISSING_FIELD) - before).isEqualTo(1.0);
    }

    @Test
    void missingKeyOrTimeIsAMissingField() {
        route("t1", "{\"time\":1,\"fields\":{\"a\":1,\"b\":2}}");
        route("t1", "{\"key\":\"k\",\"fields\":{\"a\":1,\"b\":2}}");

        assertThat(inputs).isEmpty();
        assertThat(dead.deadLetters).extracting(DeadLetter::getReason).containsOnly(DeadLetterReason.MISSING_FIELD);
        assertThat(dead.deadLetters).extracting(DeadLetter::getReasonText)
                .containsExactly("field 'key' is missing", "field 'key' is missing",
                        "field 'time' is missing", "field 'time' is missing");
        assertThat(dead.deadLetters.get(2).getKey()).isEqualTo("k");
    }

    @Test
    void nonFiniteValueIsNotFiniteForTheMonitorThatReadsIt() {
        double before = deadLetterCount(DeadLetterReason.NOT_FINITE);

        route("t1", "{\"key\":\"k\",\"time\":1,\"fields\":{\"a\":NaN,\"b\":2,\"emb\":[1,2,3]}}");
        route("t1", "{\"key\":\"k\",\"time\":2,\"fields\":{\"a\":\"Infinity\",\"b\":2,\"emb\":[1,2,3]}}");
        route("t1", "{\"key\":\"k\",\"time\":3,\"fields\":{\"a\":1,\"b\":2,\"emb\":[1,-Infinity,3]}}");
        route("t1", "{\"key\":\"k\",\"time\":4,\"fields\":{\"a\":1,\"b\":1e999,\"emb\":[1,2,3]}}");

        assertThat(dead.deadLetters).extracting(DeadLetter::getReason).containsOnly(DeadLetterReason.NOT_FINITE);
        assertThat(dead.deadLetters).extracting(DeadLetter::getMonitor, DeadLetter::getReasonText).containsExactly(
                tuple("scalar", "field 'a' is NaN"),
                tuple("scalar", "field 'a' is Infinity"),
                tuple("vec", "field 'emb[1]' is -Infinity"),
                tuple("scalar", "field 'b' is Infinity"),
                tuple("vec", "field 'b' is Infinity"));
        assertThat(inputs).extracting(i -> i.monitor + "@" + i.time).containsExactly("vec@1", "vec@2", "scalar@3");
        assertThat(deadLetterCount(DeadLetterReason.NOT_FINITE) - before).isEqualTo(5.0);
    }

    @Test
    void nonFiniteValueOfAFieldNoMonitorReadsIsCarriedAndIgnored() {
        route("t1", "{\"key\":\"k\",\"time\":1,\"fields\":{\"a\":1,\"b\":2,\"emb\":[1,2,3],\"unused\":NaN}}");

        assertThat(dead.deadLetters).isEmpty();
        assertThat(inputs).hasSize(2);
    }

    @Test
    void vectorOfTheWrongLengthOrWithGapsIsWrongDimension() {
        double before = deadLetterCount(DeadLetterReason.WRONG_DIMENSION);

        route("t1", "{\"key\":\"k\",\"time\":1,\"fields\":{\"a\":1,\"b\":2,\"emb\":[1,2]}}");
        route("t1", "{\"key\":\"k\",\"time\":2,\"fields\":{\"a\":1,\"b\":2,\"emb\":[1,2,3,4]}}");
        route("t1", "{\"key\":\"k\",\"time\":3,\"fields\":{\"a\":1,\"b\":2,\"emb\":7}}");
        route("t1", "{\"key\":\"k\",\"time\":4,\"fields\":{\"a\":1,\"b\":2,\"emb[0]\":1,\"emb[2]\":3}}");

        assertThat(dead.deadLetters).extracting(DeadLetter::getReason).containsOnly(DeadLetterReason.WRONG_DIMENSION);
        assertThat(dead.deadLetters).extracting(DeadLetter::getMonitor).containsOnly("vec");
        assertThat(dead.deadLetterTopics).containsOnly("dlq.vec");
        assertThat(dead.deadLetters).extracting(DeadLetter::getReasonText).containsExactly(
                "field 'emb' must have 3 components, got 2",
                "field 'emb' must have 3 components, got 4",
                "field 'emb' must have 3 components, got a single number",
                "field 'emb' must have 3 components, got 1");
        assertThat(inputs).extracting(i -> i.monitor).containsOnly("scalar").hasSize(4);
        assertThat(deadLetterCount(DeadLetterReason.WRONG_DIMENSION) - before).isEqualTo(4.0);
    }

    @Test
    void vectorWhereAScalarIsDeclaredIsWrongDimension() {
        route("t1", "{\"key\":\"k\",\"time\":1,\"fields\":{\"a\":[1,2],\"b\":2,\"emb\":[1,2,3]}}");

        DeadLetter d = onlyDeadLetterOf("scalar");
        assertThat(d.getReason()).isEqualTo(DeadLetterReason.WRONG_DIMENSION);
        assertThat(d.getReasonText()).isEqualTo("field 'a' must be a single number, got a vector of 2");
    }

    @Test
    void missingVectorIsAMissingField() {
        route("t1", "{\"key\":\"k\",\"time\":1,\"fields\":{\"a\":1,\"b\":2}}");

        DeadLetter d = onlyDeadLetterOf("vec");
        assertThat(d.getReason()).isEqualTo(DeadLetterReason.MISSING_FIELD);
        assertThat(d.getReasonText()).isEqualTo("field 'emb' is missing");
    }

    @Test
    void keyFieldTypePartitionsByEventTypeAndRequiresIt() {
        route("t2", "{\"key\":\"payments\",\"time\":1,\"type\":\"error\",\"fields\":{\"a\":1,\"b\":2}}");
        route("t2", "{\"key\":\"payments\",\"time\":2,\"fields\":{\"a\":1,\"b\":2}}");

        assertThat(onlyInputOf("by-type").key).isEqualTo("error");
        DeadLetter d = onlyDeadLetterOf("by-type");
        assertThat(d.getReason()).isEqualTo(DeadLetterReason.MISSING_FIELD);
        assertThat(d.getReasonText()).isEqualTo("field 'type' (the key of monitor 'by-type') is missing");
        assertThat(d.getKey()).isEqualTo("payments");
    }

    @Test
    void avroTopicDecodesAvroAndRejectsOtherBytesAsBase64Payload() throws IOException {
        Event e = Event.newBuilder().setKey("k").setTime(5).setFields(Map.of("a", 1.0, "b", 2.0)).build();
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bos, null);
        new SpecificDatumWriter<>(Event.class).write(e, enc);
        enc.flush();
        byte[] garbage = {(byte) 0xFE, (byte) 0x01, 0x00, (byte) 0x80};

        route("t3", 1, bos.toByteArray());
        route("t3", 2, garbage);

        assertThat(onlyInputOf("avro").values).containsExactly(1.0, 2.0);
        DeadLetter d = onlyDeadLetterOf("avro");
        assertThat(d.getReason()).isEqualTo(DeadLetterReason.MALFORMED);
        assertThat(d.getPayloadEncoding()).isEqualTo(PayloadEncoding.BASE64);
        assertThat(Base64.getDecoder().decode(d.getPayload())).isEqualTo(garbage);
        assertThat(d.getOffset()).isEqualTo(2L);
    }

    @Test
    void countsEveryRecordReadPerSourceTopic() {
        Double before = CollectorRegistry.defaultRegistry.getSampleValue("witness_events_in_total",
                new String[] {"source"}, new String[] {"t2"});

        route("t2", "{\"key\":\"k\",\"time\":1,\"type\":\"e\",\"fields\":{\"a\":1,\"b\":2}}");
        route("t2", "garbage");

        Double after = CollectorRegistry.defaultRegistry.getSampleValue("witness_events_in_total",
                new String[] {"source"}, new String[] {"t2"});
        assertThat(after - (before == null ? 0 : before)).isEqualTo(2.0);
    }

    @Test
    void decodedEventsGetTheSameValidation() {
        Event e = Event.newBuilder().setKey("k").setTime(1).setFields(Map.of("a", 1.0)).build();

        router.routeEvent(e, new RawRecord("t1", 0, 9, "line".getBytes(StandardCharsets.UTF_8)), inputs::add, dead);

        assertThat(inputs).isEmpty();
        assertThat(dead.deadLetters).extracting(DeadLetter::getMonitor, DeadLetter::getReasonText).containsExactly(
                tuple("scalar", "field 'b' is missing"),
                tuple("vec", "field 'emb' is missing"));
        assertThat(dead.deadLetters).allSatisfy(d -> assertThat(d.getOffset()).isEqualTo(9L));
    }
}
