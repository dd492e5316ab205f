package io.witness.jobs.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.witness.jobs.config.BanditConfig;
import io.witness.jobs.core.BanditInput;
import io.witness.schemas.Decision;

import java.io.IOException;

/** JSON of the bandit records: {@code Decision} as written (Avro field names, schema order), and requests/feedback as dead-letter payloads. */
public final class BanditJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BanditJson() {
    }

    public static byte[] decision(Decision d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("request_id", d.getRequestId());
        n.put("bandit", d.getBandit());
        n.put("key", d.getKey());
        n.put("time", d.getTime());
        n.put("action", d.getAction());
        n.put("action_index", d.getActionIndex());
        n.put("policy", d.getPolicy());
        putNullable(n, "score", d.getScore());
        putNullable(n, "mean", d.getMean());
        putNullable(n, "sd", d.getSd());
        n.put("explore", d.getExplore());
        n.put("policy_version", d.getPolicyVersion());
        n.put("plays", d.getPlays());
        return bytes(n);
    }

    public static Decision parseDecision(byte[] json) throws IOException {
        JsonNode n = JSON.readTree(json);
        return Decision.newBuilder()
                .setRequestId(n.get("request_id").asText())
                .setBandit(n.get("bandit").asText())
                .setKey(n.get("key").asText())
                .setTime(n.get("time").asLong())
                .setAction(n.get("action").asText())
                .setActionIndex(n.get("action_index").asInt())
                .setPolicy(n.get("policy").asText())
                .setScore(nullable(n.get("score")))
                .setMean(nullable(n.get("mean")))
                .setSd(nullable(n.get("sd")))
                .setExplore(n.get("explore").asBoolean())
                .setPolicyVersion(n.get("policy_version").asLong())
                .setPlays(n.get("plays").asLong())
                .build();
    }

    /** What the bandit saw of a request or feedback (the raw bytes are not carried past decoding). */
    public static byte[] payload(BanditInput in, BanditConfig b) {
        ObjectNode n = JSON.createObjectNode();
        n.put("request_id", in.requestId);
        n.put("key", in.key);
        if (in.kind == BanditInput.FEEDBACK) {
            n.put("reward", in.reward);
            n.put("time", in.time);
            return bytes(n);
        }
        n.put("time", in.time);
        int d = b.contextDim() + b.actionDim();
        ArrayNode context = n.putArray("context");
        for (int i = 0; i < b.contextDim(); i++) {
            context.add(in.inputs[i]);
        }
        ArrayNode actions = n.putArray("actions");
        for (int j = 0; j < in.candidates(); j++) {
            ObjectNode a = actions.addObject();
            a.put("id", in.actionIds[j]);
            ArrayNode f = a.putArray("features");
            for (int i = b.contextDim(); i < d; i++) {
                f.add(in.inputs[j * d + i]);
            }
        }
        return bytes(n);
    }

    private static void putNullable(ObjectNode n, String field, Double v) {
        if (v == null) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }

    private static Double nullable(JsonNode v) {
        return v == null || v.isNull() ? null : v.asDouble();
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
