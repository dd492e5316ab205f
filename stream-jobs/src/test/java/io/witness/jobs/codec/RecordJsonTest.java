package io.witness.jobs.codec;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.witness.schemas.Event;
import io.witness.schemas.Evidence;
import io.witness.schemas.PayloadEncoding;

/** The JSON Witness writes uses the Avro field names exactly, in schema order, with plain (unwrapped) values. */
class RecordJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Evidence evidence(Double pValue) {
        Map<String, String> why = new LinkedHashMap<>();
        why.put("payoff", "0.061");
        why.put("bet", "0.42");
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
        JsonNode n = JSON.readTree(RecordJson.evidence(evidence(0.0403)));

        assertThat(jsonFields(n)).containsExactlyElementsOf(schemaFields(Evidence.getClassSchema()));
        assertThat(n.get("p_value").isDouble()).as("no union wrapper {\"double\": ...}").isTrue();
        assertThat(n.get("p_value").asDouble()).isEqualTo(0.0403);
        assertThat(n.get("e_value").asDouble()).isEqualTo(24.8);
        assertThat(n.get("time").asLong()).isEqualTo(1_763_800_072_300L);
        assertThat(n.get("alarm").isBoolean()).isTrue();
        assertThat(jsonFields(n.get("explanation"))).containsExactly("payoff", "bet");
        assertThat(n.get("explanation").get("bet").asText()).isEqualTo("0.42");
    }

    @Test
    void nullableEvidenceValuesAreWrittenAsNull() throws Exception {
        JsonNode n = JSON.readTree(RecordJson.evidence(evidence(null)));

        assertThat(n.get("p_value").isNull()).isTrue();
        assertThat(n.get("e_value").isNull()).isTrue();
    }

    @Test
    void alertUsesTheSchemaFieldNamesAndNestsEvidence() throws Exception {
        Alert a = Alert.newBuilder().setId("5b0e3c1a-8d0f-3a52-9f61-2f6a0e7c9b14").setMonitor("latency-errors")
                .setKey("payments").setMethod("skit").setState(AlertState.OPEN).setOpenedAt(1_763_800_072_300L)
                .setEvidence(evidence(0.0403)).setMessage("became dependent").build();

        JsonNode n = JSON.readTree(RecordJson.alert(a));

        assertThat(jsonFields(n)).containsExactlyElementsOf(schemaFields(Alert.getClassSchema()));
        assertThat(jsonFields(n.get("evidence"))).containsExactlyElementsOf(schemaFields(Evidence.getClassSchema()));
        assertThat(n.get("state").asText()).isEqualTo("OPEN");
        assertThat(n.get("opened_at").asLong()).isEqualTo(1_763_800_072_300L);
        assertThat(RecordJson.parseAlert(RecordJson.alert(a))).isEqualTo(a);
    }

    @Test
    void deadLetterUsesTheSchemaFieldNamesAndEnumSymbols() throws Exception {
        DeadLetter d = DeadLetter.newBuilder().setTopic("service-metrics").setPartition(2).setOffset(18231L)
                .setPayload("{\"key\":\"payments\"}").setPayloadEncoding(PayloadEncoding.UTF8)
                .setReason(DeadLetterReason.NOT_FINITE).setReasonText("field 'latency_ms' is NaN")
                .setMonitor(null).setKey("payments").setTime(1_763_800_000_412L).build();

        JsonNode n = JSON.readTree(RecordJson.deadLetter(d));

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

        JsonNode n = JSON.readTree(RecordJson.deadLetter(d));

        assertThat(n.get("topic").isNull()).isTrue();
        assertThat(n.get("partition").isNull()).isTrue();
        assertThat(n.get("offset").isNull()).isTrue();
        assertThat(n.get("key").isNull()).isTrue();
    }

    @Test
    void evidenceRoundTripsThroughItsJson() throws Exception {
        Evidence e = evidence(0.0403);

        assertThat(RecordJson.parseEvidence(RecordJson.evidence(e))).isEqualTo(e);
        assertThat(RecordJson.parseEvidence(RecordJson.evidence(evidence(null)))).isEqualTo(evidence(null));
    }

    @Test
    void outputIsDeterministicBytes() {
        assertThat(RecordJson.evidence(evidence(0.5))).isEqualTo(RecordJson.evidence(evidence(0.5)));
        assertThat(new String(RecordJson.evidence(evidence(0.5)), StandardCharsets.UTF_8)).doesNotContain("\n");
    }

    @Test
    void canonicalEventJsonSortsFieldsAndReadsBackTheSame() throws Exception {
        Event e = Event.newBuilder().setKey("k").setTime(7).setFields(Map.of("b", 2.0, "a", 1.0)).setSource("s").build();

        String json = RecordJson.event(e);

        assertThat(json).isEqualTo("{\"key\":\"k\",\"time\":7,\"fields\":{\"a\":1.0,\"b\":2.0},\"source\":\"s\"}");
        assertThat(new EventDecoder().decode(json.getBytes(StandardCharsets.UTF_8), io.witness.jobs.config.WireFormat.JSON))
                .isEqualTo(e);
    }
}
