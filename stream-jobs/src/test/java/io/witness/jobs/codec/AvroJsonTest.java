package io.witness.jobs.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.witness.schemas.Alert;
import io.witness.schemas.AlertState;
import io.witness.schemas.DeadLetter;
import io.witness.schemas.DeadLetterReason;
import io.witness.schemas.Evidence;
import io.witness.schemas.PayloadEncoding;

/**
 * The JSON Witness writes uses the Avro field names exactly, in schema order, with plain (unwrapped) values,
 * and typed explanations (numbers as numbers, vectors and matrices as arrays); {@link SchemaRoundTripTest}
 * checks every field of every schema.
 */
class AvroJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Evidence evidence(Double pValue) {
        Map<String, Object> why = new LinkedHashMap<>();
        why.put("payoff", 0.061);
        why.put("bet", 42L);
        why.put("bettor", "ons");
        why.put("warm", true);
        why.put("mu", List.of(0.2428, 0.3864));
        why.put("alpha", List.of(List.of(0.21, 0.44), List.of(0.004, Double.NaN)));
        why.put("types", List.of("b", "a"));
        return Evidence.newBuilder().setMonitor("latency-errors").setKey("payments").setMethod("skit")
                .setTime(1_763_800_072_300L).setN(2890).setStatistic(3.21).setPValue(pValue)
                .setEValue(pValue == null ? null : 24.8).setThreshold(20.0).setAlarm(true).setExplanation(why).build();
    }

    private static List<String> schemaFields(Schema s) {
        List<String> names = new ArrayList<>();
        s.getFields().forEach(f -> names.add(f.name()));
        return names;
    }

    private static List<String> jsonFields(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void evidenceUsesTheSchemaFieldNamesAndPlainValues() throws Exception {
        JsonNode n = JSON.readTree(AvroJson.write(evidence(0.0403)));

        assertThat(jsonFields(n)).containsExactlyElementsOf(schemaFields(Evidence.getClassSchema()));
        assertThat(n.get("p_value").isDouble()).as("no union wrapper {\"double\": ...}").isTrue();
        assertThat(n.get("p_value").asDouble()).isEqualTo(0.0403);
        assertThat(n.get("e_value").asDouble()).isEqualTo(24.8);
        assertThat(n.get("time").asLong()).isEqualTo(1_763_800_072_300L);
        assertThat(n.get("alarm").isBoolean()).isTrue();
        JsonNode ex = n.get("explanation");
        assertThat(jsonFields(ex)).containsExactly("payoff", "bet", "bettor", "warm", "mu", "alpha", "types");
        assertThat(ex.get("payoff").isDouble()).as("a number, not a string").isTrue();
        assertThat(ex.get("payoff").asDouble()).isEqualTo(0.061);
        assertThat(ex.get("bet").isIntegralNumber()).isTrue();
        assertThat(ex.get("bettor").asText()).isEqualTo("ons");
        assertThat(ex.get("warm").isBoolean()).isTrue();
        assertThat(ex.get("mu").toString()).isEqualTo("[0.2428,0.3864]");
        assertThat(ex.get("alpha").toString()).as("NaN written null").isEqualTo("[[0.21,0.44],[0.004,null]]");
        assertThat(ex.get("types").toString()).isEqualTo("[\"b\",\"a\"]");
    }

    @Test
    void nullableEvidenceValuesAreWrittenAsNull() throws Exception {
        JsonNode n = JSON.readTree(AvroJson.write(evidence(null)));

        assertThat(n.get("p_value").isNull()).isTrue();
        assertThat(n.get("e_value").isNull()).isTrue();
    }

    @Test
    void alertUsesTheSchemaFieldNamesAndNestsEvidence() throws Exception {
        Alert a = Alert.newBuilder().setId("5b0e3c1a-8d0f-3a52-9f61-2f6a0e7c9b14").setMonitor("latency-errors")
                .setKey("payments").setMethod("skit").setState(AlertState.OPEN).setOpenedAt(1_763_800_072_300L)
                .setEvidence(evidence(0.0403)).setMessage("became dependent").build();

        JsonNode n = JSON.readTree(AvroJson.write(a));

        assertThat(jsonFields(n)).containsExactlyElementsOf(schemaFields(Alert.getClassSchema()));
        assertThat(jsonFields(n.get("evidence"))).containsExactlyElementsOf(schemaFields(Evidence.getClassSchema()));
        assertThat(n.get("state").asText()).isEqualTo("OPEN");
        assertThat(n.get("opened_at").asLong()).isEqualTo(1_763_800_072_300L);
        assertThat(AvroJson.read(AvroJson.write(a), Alert.class)).isEqualTo(a);
    }

    @Test
    void deadLetterUsesTheSchemaFieldNamesAndEnumSymbols() throws Exception {
        DeadLetter d = DeadLetter.newBuilder().setTopic("service-metrics").setPartition(2).setOffset(18231L)
                .setPayload("{\"key\":\"payments\"}").setPayloadEncoding(PayloadEncoding.UTF8)
                .setReason(DeadLetterReason.NOT_FINITE).setReasonText("field 'latency_ms' is NaN")
                .setMonitor(null).setKey("payments").setTime(1_763_800_000_412L).build();

        JsonNode n = JSON.readTree(AvroJson.write(d));

        assertThat(jsonFields(n)).containsExactlyElementsOf(schemaFields(DeadLetter.getClassSchema()));
        assertThat(n.get("reason").asText()).isEqualTo("NOT_FINITE");
        assertThat(n.get("payload_encoding").asText()).isEqualTo("UTF8");
        assertThat(n.get("reason_text").asText()).isEqualTo("field 'latency_ms' is NaN");
        assertThat(n.get("partition").asInt()).isEqualTo(2);
        assertThat(n.get("offset").asLong()).isEqualTo(18231L);
        assertThat(n.get("monitor").isNull()).isTrue();
        assertThat(n.get("payload").asText()).isEqualTo("{\"key\":\"payments\"}");
    }

    @Test
    void deadLetterWithoutSourcePositionWritesNulls() throws Exception {
        DeadLetter d = DeadLetter.newBuilder().setTopic(null).setPartition(null).setOffset(null).setPayload("")
                .setReason(DeadLetterReason.OTHER).setReasonText("x").setTime(0L).build();

        JsonNode n = JSON.readTree(AvroJson.write(d));

        assertThat(n.get("topic").isNull()).isTrue();
        assertThat(n.get("partition").isNull()).isTrue();
        assertThat(n.get("offset").isNull()).isTrue();
        assertThat(n.get("key").isNull()).isTrue();
    }

    @Test
    void evidenceRoundTripsThroughItsJson() throws Exception {
        Evidence e = evidence(0.0403);

        assertThat(AvroJson.read(AvroJson.write(e), Evidence.class)).isEqualTo(e);
        assertThat(AvroJson.read(AvroJson.write(evidence(null)), Evidence.class)).isEqualTo(evidence(null));
    }

    @Test
    void outputIsDeterministicBytes() {
        assertThat(AvroJson.write(evidence(0.5))).isEqualTo(AvroJson.write(evidence(0.5)));
        assertThat(new String(AvroJson.write(evidence(0.5)), StandardCharsets.UTF_8)).doesNotContain("\n");
    }

    @Test
    void theWholeEvidenceLineIsTheDocumentedOne() {
        Evidence e = Evidence.newBuilder().setMonitor("latency-errors").setKey("payments").setMethod("skit")
                .setTime(1_763_800_072_300L).setN(2890).setStatistic(3.21).setPValue(0.0403).setEValue(24.8)
                .setThreshold(20.0).setAlarm(true)
                .setExplanation(new LinkedHashMap<>(Map.of("payoff", 0.061))).build();

        assertThat(new String(AvroJson.write(e), StandardCharsets.UTF_8)).isEqualTo("{\"monitor\":\"latency-errors\","
                + "\"key\":\"payments\",\"method\":\"skit\",\"time\":1763800072300,\"n\":2890,\"statistic\":3.21,"
                + "\"p_value\":0.0403,\"e_value\":24.8,\"threshold\":20.0,\"alarm\":true,\"explanation\":{\"payoff\":0.061}}");
    }

    @Test
    void evidenceWrittenBeforeTypedExplanationsStillReads() throws Exception {
        String old = "{\"monitor\":\"m\",\"key\":\"k\",\"method\":\"hawkes\",\"time\":1,\"n\":2,\"statistic\":0.5,"
                + "\"p_value\":null,\"e_value\":null,\"threshold\":0.9,\"alarm\":false,"
                + "\"explanation\":{\"branching_ratio\":\"0.5\",\"mu\":\"[0.1,0.2]\"}}";

        Evidence e = AvroJson.read(old.getBytes(StandardCharsets.UTF_8), Evidence.class);

        assertThat(e.getExplanation()).containsEntry("branching_ratio", "0.5").containsEntry("mu", "[0.1,0.2]");
    }

    @Test
    void aMissingFieldTakesItsDefaultAndUnknownFieldsAreIgnored() throws Exception {
        String json = "{\"monitor\":\"m\",\"key\":\"k\",\"method\":\"skit\",\"time\":1,\"n\":2,\"statistic\":0.5,"
                + "\"threshold\":20.0,\"alarm\":false,\"added_later\":[1,2]}";

        Evidence e = AvroJson.read(json.getBytes(StandardCharsets.UTF_8), Evidence.class);

        assertThat(e.getPValue()).isNull();
        assertThat(e.getExplanation()).isEmpty();
    }

    @Test
    void aRecordThatDoesNotFitItsSchemaFailsNamingTheField() {
        String json = "{\"monitor\":\"m\",\"key\":\"k\",\"method\":\"skit\",\"time\":\"soon\",\"n\":2,"
                + "\"statistic\":0.5,\"threshold\":20.0,\"alarm\":false}";

        assertThatThrownBy(() -> AvroJson.read(json.getBytes(StandardCharsets.UTF_8), Evidence.class))
                .isInstanceOf(java.io.IOException.class).hasMessage("'Evidence.time' must be a long, got \"soon\"");
        assertThatThrownBy(() -> AvroJson.read("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8), Alert.class))
                .hasMessage("'Alert.monitor' is missing");
    }

    @Test
    void anEnumSymbolAddedLaterReadsAsTheEnumDefault() throws Exception {
        DeadLetter d = DeadLetter.newBuilder().setTopic("t").setPartition(null).setOffset(null).setPayload("p")
                .setReason(DeadLetterReason.LATE).setReasonText("x").setTime(0L).build();
        String json = new String(AvroJson.write(d), StandardCharsets.UTF_8).replace("\"LATE\"", "\"FROM_THE_FUTURE\"");

        assertThat(AvroJson.read(json.getBytes(StandardCharsets.UTF_8), DeadLetter.class).getReason())
                .isEqualTo(DeadLetterReason.OTHER);
    }

    @Test
    void unionBranchesAreAvrosForEveryKindOfDatum() {
        Schema union = new Schema.Parser().parse("""
                ["null", "string", "double", "long", "int", "boolean", "float", "bytes",
                 {"type": "array", "items": "double"}, {"type": "map", "values": "long"},
                 {"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}]},
                 {"type": "enum", "name": "E", "symbols": ["X"]}]""");
        Schema r = union.getTypes().get(10);
        Object[] data = {null, "text", new org.apache.avro.util.Utf8("utf8"), 1.5, 7L, 3, true, 2.5f,
                java.nio.ByteBuffer.wrap(new byte[] {1}), List.of(1.0), Map.of("k", 1L),
                new org.apache.avro.generic.GenericRecordBuilder(r).set("a", 1).build(),
                new org.apache.avro.generic.GenericData.EnumSymbol(union.getTypes().get(11), "X")};
        for (Object d : data) {
            assertThat(AvroJson.branch(union, d)).as("%s", d)
                    .isEqualTo(org.apache.avro.generic.GenericData.get().resolveUnion(union, d));
        }
        Schema nullable = new Schema.Parser().parse("[\"double\", \"null\"]");
        assertThat(AvroJson.branch(nullable, null)).isEqualTo(1);
        assertThat(AvroJson.branch(nullable, 0.5)).isEqualTo(0);
        // a datum no branch fits is reported by Avro, as before
        assertThatThrownBy(() -> AvroJson.branch(nullable, "text"))
                .isInstanceOf(org.apache.avro.UnresolvedUnionException.class);
    }

    /** Pre-encoded names (cached on first use) write the bytes Jackson writes for the plain strings. */
    @Test
    void cachedNamesWriteWhatPlainNamesWrite() throws Exception {
        Map<String, Object> why = new LinkedHashMap<>();
        for (String k : List.of("plain", "quote\"d", "back\\slash", "tab\tnew\nline", "ctl\u0001", "é", "日本", "😀", "")) {
            why.put(k, 1.0);
        }
        Evidence e = Evidence.newBuilder(evidence(0.5)).setExplanation(why).setKey("k\"ey").build();
        String expected = JSON.writeValueAsString(JSON.readTree(AvroJson.write(e)));   // Jackson's own writing of the same tree
        for (int pass = 0; pass < 2; pass++) {   // the first pass fills the caches, the second writes from them
            assertThat(AvroJson.writeString(e)).isEqualTo(expected);
        }
        assertThat(JSON.readTree(AvroJson.write(e)).get("explanation").fieldNames())
                .toIterable().containsExactlyElementsOf(why.keySet());
    }
}
