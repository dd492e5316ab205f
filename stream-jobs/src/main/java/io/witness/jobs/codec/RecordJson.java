package io.witness.jobs.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.witness.schemas.Alert;
import io.witness.schemas.AlertState;
import io.witness.schemas.DeadLetter;
import io.witness.schemas.Event;
import io.witness.schemas.Evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON wire format of the records Witness writes: the Avro field names exactly, plain JSON values
 * (no union wrappers), fields in schema order, and deterministic output (replays compare byte for byte).
 */
public final class RecordJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordJson() {
    }

    public static ObjectNode evidenceNode(Evidence e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("monitor", e.getMonitor());
        n.put("key", e.getKey());
        n.put("method", e.getMethod());
        n.put("time", e.getTime());
        n.put("n", e.getN());
        n.put("statistic", e.getStatistic());
        if (e.getPValue() == null) {
            n.putNull("p_value");
        } else {
            n.put("p_value", e.getPValue());
        }
        if (e.getEValue() == null) {
            n.putNull("e_value");
        } else {
            n.put("e_value", e.getEValue());
        }
        n.put("threshold", e.getThreshold());
        n.put("alarm", e.getAlarm());
        ObjectNode ex = n.putObject("explanation");
        e.getExplanation().forEach(ex::put);
        return n;
    }

    public static byte[] evidence(Evidence e) {
        return bytes(evidenceNode(e));
    }

    public static byte[] alert(Alert a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", a.getId());
        n.put("monitor", a.getMonitor());
        n.put("key", a.getKey());
        n.put("method", a.getMethod());
        n.put("state", a.getState().name());
        n.put("opened_at", a.getOpenedAt());
        n.set("evidence", evidenceNode(a.getEvidence()));
        n.put("message", a.getMessage());
        return bytes(n);
    }

    public static byte[] deadLetter(DeadLetter d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("topic", d.getTopic());
        if (d.getPartition() == null) {
            n.putNull("partition");
        } else {
            n.put("partition", d.getPartition());
        }
        if (d.getOffset() == null) {
            n.putNull("offset");
        } else {
            n.put("offset", d.getOffset());
        }
        n.put("payload", d.getPayload());
        n.put("payload_encoding", d.getPayloadEncoding().name());
        n.put("reason", d.getReason().name());
        n.put("reason_text", d.getReasonText());
        n.put("monitor", d.getMonitor());
        n.put("key", d.getKey());
        n.put("time", d.getTime());
        return bytes(n);
    }

    /** The canonical JSON of an event (used as the payload of LATE / DUPLICATE dead letters). */
    public static String event(Event e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("key", e.getKey());
        n.put("time", e.getTime());
        ObjectNode f = n.putObject("fields");
        new TreeMap<>(e.getFields()).forEach(f::put);
        if (e.getType() != null) {
            n.put("type", e.getType());
        }
        if (e.getSource() != null) {
            n.put("source", e.getSource());
        }
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    public static Evidence parseEvidence(byte[] json) throws IOException {
        return evidenceFrom(JSON.readTree(json));
    }

    public static Alert parseAlert(byte[] json) throws IOException {
        JsonNode n = JSON.readTree(json);
        return Alert.newBuilder()
                .setId(n.get("id").asText())
                .setMonitor(n.get("monitor").asText())
                .setKey(n.get("key").asText())
                .setMethod(n.get("method").asText())
                .setState(AlertState.valueOf(n.get("state").asText()))
                .setOpenedAt(n.get("opened_at").asLong())
                .setEvidence(evidenceFrom(n.get("evidence")))
                .setMessage(n.get("message").asText())
                .build();
    }

    private static Evidence evidenceFrom(JsonNode n) {
        Map<String, String> ex = new LinkedHashMap<>();
        n.get("explanation").fields().forEachRemaining(en -> ex.put(en.getKey(), en.getValue().asText()));
        return Evidence.newBuilder()
                .setMonitor(n.get("monitor").asText())
                .setKey(n.get("key").asText())
                .setMethod(n.get("method").asText())
                .setTime(n.get("time").asLong())
                .setN(n.get("n").asLong())
                .setStatistic(n.get("statistic").asDouble())
                .setPValue(n.get("p_value").isNull() ? null : n.get("p_value").asDouble())
                .setEValue(n.get("e_value").isNull() ? null : n.get("e_value").asDouble())
                .setThreshold(n.get("threshold").asDouble())
                .setAlarm(n.get("alarm").asBoolean())
                .setExplanation(ex)
                .build();
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
