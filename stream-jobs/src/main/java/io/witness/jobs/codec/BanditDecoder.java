package io.witness.jobs.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.witness.operators.files.ParseErrors;
import io.witness.jobs.config.BanditConfig;
import io.witness.jobs.config.WireFormat;
import io.witness.jobs.core.BadRecord;
import io.witness.jobs.core.InputRouter;
import io.witness.jobs.core.BanditInput;
import io.witness.operators.bandit.BanditParameters;
import io.witness.schemas.CandidateAction;
import io.witness.schemas.DeadLetterReason;
import io.witness.schemas.DecisionRequest;
import io.witness.schemas.Feedback;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes and validates the bandit records: {@code DecisionRequest} and {@code Feedback}, JSON (field
 * names as in the Avro schemas, {@code time} as epoch ms or ISO-8601, NaN as a string is NOT_FINITE) or
 * plain Avro binary. Checks every dimension against the bandit's configuration, so the policy only ever
 * sees finite inputs of the right shape. Not thread-safe (reuses an Avro decoder).
 */
public final class BanditDecoder {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    // strict UTF-8 in every string, JSON or Avro, as for events (EventDecoder)
    private final StrictAvroReader<DecisionRequest> requestReader = new StrictAvroReader<>(DecisionRequest.getClassSchema());
    private final StrictAvroReader<Feedback> feedbackReader = new StrictAvroReader<>(Feedback.getClassSchema());
    private final StrictUtf8 utf8 = new StrictUtf8();
    private BinaryDecoder avro;

    public BanditInput request(byte[] payload, BanditConfig b) throws BadRecord {
        DecisionRequest r = b.requestsFormat() == WireFormat.AVRO ? avro(payload, requestReader, "DecisionRequest")
                : requestJson(object(utf8Checked(payload), "DecisionRequest"));
        String key = r.getKey();
        nonEmpty(r.getRequestId(), "request_id", key);
        nonEmpty(key, "key", key);
        List<Double> context = r.getContext();
        if (context.size() != b.contextDim()) {
            throw new BadRecord(DeadLetterReason.WRONG_DIMENSION, "field 'context' must have " + b.contextDim()
                    + " entries, got " + context.size(), key);
        }
        List<CandidateAction> actions = r.getActions();
        if (actions.isEmpty()) {
            throw new BadRecord(DeadLetterReason.MISSING_FIELD, "field 'actions' is empty: give at least one candidate", key);
        }
        if (actions.size() > BanditParameters.MAX_ACTIONS) {
            throw new BadRecord(DeadLetterReason.TOO_LARGE, "field 'actions' has " + actions.size()
                    + " candidates; at most " + BanditParameters.MAX_ACTIONS, key);
        }
        int d = b.contextDim() + b.actionDim();
        double[] inputs = new double[actions.size() * d];
        String[] ids = new String[actions.size()];
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < actions.size(); j++) {
            CandidateAction a = actions.get(j);
            nonEmpty(a.getId(), "actions[" + j + "].id", key);
            if (!seen.add(a.getId())) {
                throw new BadRecord(DeadLetterReason.MALFORMED, "action id '" + a.getId() + "' appears twice", key);
            }
            ids[j] = a.getId();
            List<Double> f = a.getFeatures();
            if (f.size() != b.actionDim()) {
                throw new BadRecord(DeadLetterReason.WRONG_DIMENSION, "field 'actions[" + j + "].features' must have "
                        + b.actionDim() + " entries, got " + f.size(), key);
            }
            for (int i = 0; i < b.contextDim(); i++) {
                inputs[j * d + i] = finite(context.get(i), "context[" + i + "]", key);
            }
            for (int i = 0; i < b.actionDim(); i++) {
                inputs[j * d + b.contextDim() + i] = finite(f.get(i), "actions[" + j + "].features[" + i + "]", key);
            }
        }
        return BanditInput.request(b.id(), key, r.getRequestId(), r.getTime(), inputs, ids);
    }

    public BanditInput feedback(byte[] payload, BanditConfig b) throws BadRecord {
        Feedback f = b.feedbackFormat() == WireFormat.AVRO ? avro(payload, feedbackReader, "Feedback")
                : feedbackJson(object(utf8Checked(payload), "Feedback"));
        nonEmpty(f.getRequestId(), "request_id", f.getKey());
        nonEmpty(f.getKey(), "key", f.getKey());
        double reward = finite(f.getReward(), "reward", f.getKey());
        return BanditInput.feedback(b.id(), f.getKey(), f.getRequestId(), f.getTime(), reward);
    }

    private byte[] utf8Checked(byte[] payload) throws BadRecord {
        if (payload != null && payload.length > 0) {
            utf8.check(payload);
        }
        return payload;
    }

    private <T> T avro(byte[] payload, StrictAvroReader<T> reader, String what) throws BadRecord {
        if (payload == null || payload.length == 0) {
            throw new BadRecord(DeadLetterReason.MALFORMED, "empty record");
        }
        try {
            avro = DecoderFactory.get().binaryDecoder(payload, avro);
            T t = reader.read(null, avro);
            if (!avro.isEnd()) {
                throw new BadRecord(DeadLetterReason.MALFORMED, "trailing bytes after the Avro " + what + " record");
            }
            return t;
        } catch (StrictAvroReader.InvalidString e) {
            throw new BadRecord(DeadLetterReason.MALFORMED, e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new BadRecord(DeadLetterReason.MALFORMED, "not an Avro " + what + " record: " + e.getMessage());
        }
    }

    private static JsonNode object(byte[] payload, String what) throws BadRecord {
        if (payload == null || payload.length == 0) {
            throw new BadRecord(DeadLetterReason.MALFORMED, "empty record");
        }
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new BadRecord(DeadLetterReason.MALFORMED, "not valid JSON: " + ParseErrors.describe(e));
        } catch (IOException e) {
            throw new BadRecord(DeadLetterReason.MALFORMED, "not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadRecord(DeadLetterReason.MALFORMED, "a " + what + " must be a JSON object");
        }
        return root;
    }

    private static DecisionRequest requestJson(JsonNode n) throws BadRecord {
        String key = text(n, "key", null);
        String id = text(n, "request_id", key);
        long time = EventDecoder.time(n.get("time"), key);
        List<Double> context = numbers(n.get("context"), "context", key);
        JsonNode a = n.get("actions");
        if (a == null || a.isNull()) {
            throw new BadRecord(DeadLetterReason.MISSING_FIELD, "field 'actions' is missing", key);
        }
        if (!a.isArray()) {
            throw new BadRecord(DeadLetterReason.MALFORMED, "field 'actions' must be an array of {id, features}", key);
        }
        List<CandidateAction> actions = new ArrayList<>();
        int j = 0;
        for (JsonNode c : a) {
            if (!c.isObject()) {
                throw new BadRecord(DeadLetterReason.MALFORMED, "field 'actions[" + j + "]' must be an object {id, features}", key);
            }
            actions.add(new CandidateAction(text(c, "id", key, "actions[" + j + "].id"),
                    numbers(c.get("features"), "actions[" + j + "].features", key)));
            j++;
        }
        return new DecisionRequest(id, key, time, context, actions);
    }

    private static Feedback feedbackJson(JsonNode n) throws BadRecord {
        String key = text(n, "key", null);
        String id = text(n, "request_id", key);
        JsonNode r = n.get("reward");
        if (r == null || r.isNull()) {
            throw new BadRecord(DeadLetterReason.MISSING_FIELD, "field 'reward' is missing", key);
        }
        long time = EventDecoder.time(n.get("time"), key);
        return new Feedback(id, key, number(r, "reward", key), time);
    }

    private static String text(JsonNode n, String field, String key) throws BadRecord {
        return text(n, field, key, field);
    }

    private static String text(JsonNode n, String field, String key, String name) throws BadRecord {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new BadRecord(DeadLetterReason.MISSING_FIELD, "field '" + name + "' is missing", key);
        }
        if (!v.isTextual()) {
            throw new BadRecord(DeadLetterReason.MALFORMED, "field '" + name + "' must be a string", key);
        }
        return v.asText();
    }

    private static List<Double> numbers(JsonNode v, String name, String key) throws BadRecord {
        List<Double> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw new BadRecord(DeadLetterReason.MALFORMED, "field '" + name + "' must be an array of numbers", key);
        }
        int i = 0;
        for (JsonNode c : v) {
            out.add(number(c, name + "[" + i++ + "]", key));
        }
        return out;
    }

    private static double number(JsonNode v, String name, String key) throws BadRecord {
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            String s = v.asText().trim();
            if (s.equals("NaN") || s.equals("Infinity") || s.equals("+Infinity") || s.equals("-Infinity")) {
                return Double.parseDouble(s);
            }
        }
        throw new BadRecord(DeadLetterReason.MALFORMED, "field '" + name + "' must be a number", key);
    }

    /**
     * Present, and at most {@link InputRouter#MAX_KEY_BYTES} of UTF-8: keys, request ids and action ids are kept in
     * state and written into every decision, which must stay below the sink's {@code max.request.size}.
     */
    private static void nonEmpty(String s, String name, String key) throws BadRecord {
        if (s == null || s.isEmpty()) {
            throw new BadRecord(DeadLetterReason.MISSING_FIELD, "field '" + name + "' is empty", key);
        }
        if (s.length() * 3 > InputRouter.MAX_KEY_BYTES) {
            int bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes > InputRouter.MAX_KEY_BYTES) {
                throw new BadRecord(DeadLetterReason.TOO_LARGE, "field '" + name + "' is " + bytes
                        + " bytes of UTF-8, more than " + InputRouter.MAX_KEY_BYTES, key);
            }
        }
    }

    private static double finite(double v, String name, String key) throws BadRecord {
        if (!Double.isFinite(v)) {
            throw new BadRecord(DeadLetterReason.NOT_FINITE, "field '" + name + "' is " + v, key);
        }
        return v;
    }
}
