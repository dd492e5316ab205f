package io.witness.jobs.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.witness.operators.files.ParseErrors;
import io.witness.jobs.config.WireFormat;
import io.witness.jobs.core.BadRecord;
import io.witness.schemas.DeadLetterReason;
import io.witness.schemas.Event;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Decodes one input record into an {@link Event}: JSON (the default; field names as in the Avro
 * schema, {@code time} as epoch ms or ISO-8601, vector fields as arrays) or plain Avro binary. Anything
 * unusable becomes a {@link BadRecord} with a reason code; nothing is dropped silently. Not thread-safe
 * (reuses an Avro decoder): one instance per task.
 */
public final class EventDecoder {
    // NaN / Infinity literals are accepted so that they are reported as NOT_FINITE, not MALFORMED.
    // Trailing tokens fail: a record holding two JSON objects must not be half read.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Strict UTF-8 for every string of the record, like the JSON path. */
    private final StrictAvroReader<Event> avroReader = new StrictAvroReader<>(Event.getClassSchema());
    private BinaryDecoder avroDecoder;
    /** Strict UTF-8 before Jackson sees the bytes (Jackson alone accepts overlong forms and surrogates). */
    private final StrictUtf8 utf8 = new StrictUtf8();

    public Event decode(byte[] payload, WireFormat format) throws BadRecord {
        if (payload == null || payload.length == 0) {
            throw new BadRecord(DeadLetterReason.MALFORMED, "empty record");
        }
        if (format == WireFormat.AVRO) {
            return decodeAvro(payload);
        }
        utf8.check(payload);
        return decodeJson(payload);
    }

    private Event decodeAvro(byte[] payload) throws BadRecord {
        try {
            avroDecoder = DecoderFactory.get().binaryDecoder(payload, avroDecoder);
            Event e = avroReader.read(null, avroDecoder);
            if (!avroDecoder.isEnd()) {
                throw new BadRecord(DeadLetterReason.MALFORMED, "trailing bytes after the Avro Event record");
            }
            if (e.getKey() == null || e.getKey().isEmpty()) {
                throw new BadRecord(DeadLetterReason.MISSING_FIELD, "field 'key' is empty");
            }
            return e;
        } catch (StrictAvroReader.InvalidString ex) {
            throw new BadRecord(DeadLetterReason.MALFORMED, ex.getMessage());
        } catch (IOException | RuntimeException ex) {
            throw new BadRecord(DeadLetterReason.MALFORMED, "not an Avro Event record: " + ex.getMessage());
        }
    }

    private static Event decodeJson(byte[] payload) throws BadRecord {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new BadRecord(DeadLetterReason.MALFORMED, "not valid JSON: " + ParseErrors.describe(e));
        } catch (IOException e) {
            throw new BadRecord(DeadLetterReason.MALFORMED, "not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadRecord(DeadLetterReason.MALFORMED, "an Event must be a JSON object");
        }
        JsonNode keyNode = root.get("key");
        if (keyNode == null || keyNode.isNull()) {
            throw new BadRecord(DeadLetterReason.MISSING_FIELD, "field 'key' is missing");
        }
        if (!keyNode.isTextual() || keyNode.asText().isEmpty()) {
            throw new BadRecord(DeadLetterReason.MALFORMED, "field 'key' must be a non-empty string");
        }
        String key = keyNode.asText();
        long time = time(root.get("time"), key);
        Map<String, Double> fields = fields(root.get("fields"), key);
        return Event.newBuilder()
                .setKey(key)
                .setTime(time)
                .setFields(fields)
                .setType(optionalText(root.get("type"), "type", key))
                .setSource(optionalText(root.get("source"), "source", key))
                .build();
    }

    static long time(JsonNode t, String key) throws BadRecord {
        if (t == null || t.isNull()) {
            throw new BadRecord(DeadLetterReason.MISSING_FIELD, "field 'time' is missing", key);
        }
        if (t.isIntegralNumber() && t.canConvertToLong()) {
            return t.asLong();
        }
        if (t.isNumber()) {
            double d = t.asDouble();
            if (!Double.isFinite(d)) {
                throw new BadRecord(DeadLetterReason.NOT_FINITE, "field 'time' is " + d, key);
            }
            if (d != Math.rint(d) || Math.abs(d) > 9.2e18) {
                throw new BadRecord(DeadLetterReason.MALFORMED, "field 'time' must be whole epoch milliseconds, got " + d, key);
            }
            return (long) d;
        }
        if (t.isTextual()) {
            return parseTime(t.asText(), key);
        }
        throw new BadRecord(DeadLetterReason.MALFORMED, "field 'time' must be epoch ms or an ISO-8601 string", key);
    }

    /** Epoch milliseconds from digits, an ISO-8601 instant ({@code ...Z}) or an offset date-time. */
    public static long parseTime(String s, String key) throws BadRecord {
        String v = s.trim();
        if (v.matches("-?\\d{1,18}")) {
            return Long.parseLong(v);
        }
        Instant at;
        try {
            at = Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                at = OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e2) {
                throw new BadRecord(DeadLetterReason.MALFORMED,
                        "field 'time' is neither epoch ms nor ISO-8601: '" + abbreviate(v) + "'", key);
            }
        }
        try {
            return at.toEpochMilli();
        } catch (ArithmeticException e) {
            // ISO-8601 reaches year ±1e9, epoch milliseconds only ±292 million years: an absurd event time (not a
            // malformed one), and an uncaught ArithmeticException here failed the job on every restart
            throw new BadRecord(DeadLetterReason.TIME_OUT_OF_RANGE, "event time '" + abbreviate(v)
                    + "' is beyond the range of epoch milliseconds", key);
        }
    }

    private static Map<String, Double> fields(JsonNode f, String key) throws BadRecord {
        Map<String, Double> out = new HashMap<>();
        if (f == null || f.isNull()) {
            return out;
        }
        if (!f.isObject()) {
            throw new BadRecord(DeadLetterReason.MALFORMED, "field 'fields' must be an object of numbers", key);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNumber() || isNonFiniteText(v)) {
                out.put(e.getKey(), number(v));
            } else if (v.isArray()) {
                int i = 0;
                for (JsonNode c : v) {
                    if (!c.isNumber() && !isNonFiniteText(c)) {
                        throw new BadRecord(DeadLetterReason.MALFORMED,
                                "field '" + e.getKey() + "[" + i + "]' must be a number", key);
                    }
                    out.put(e.getKey() + "[" + i + "]", number(c));
                    i++;
                }
            } else if (!v.isNull()) {
                throw new BadRecord(DeadLetterReason.MALFORMED, "field '" + e.getKey()
                        + "' must be a number or an array of numbers, got " + v.getNodeType().name().toLowerCase(), key);
            }
        }
        return out;
    }

    /**
     * JSON has no NaN or infinity, so producers write them as strings ("NaN", "Infinity", "-Infinity").
     * They decode to the non-finite double, so that a monitor reading the field rejects the record as
     * NOT_FINITE (the documented reason), not MALFORMED.
     */
    private static boolean isNonFiniteText(JsonNode v) {
        if (!v.isTextual()) {
            return false;
        }
        String s = v.asText().trim();
        return s.equals("NaN") || s.equals("Infinity") || s.equals("+Infinity") || s.equals("-Infinity");
    }

    private static double number(JsonNode v) {
        return v.isTextual() ? Double.parseDouble(v.asText().trim()) : v.asDouble();
    }

    private static String optionalText(JsonNode n, String name, String key) throws BadRecord {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new BadRecord(DeadLetterReason.MALFORMED, "field '" + name + "' must be a string", key);
        }
        return n.asText();
    }

    static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
