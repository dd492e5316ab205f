package io.witness.jobs.codec;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON wire format of every Witness record, derived from its Avro schema (schemas/README.md "JSON"):
 * one writer and one reader for all records, specific or generic, instead of a hand mapping per record.
 *
 * <ul>
 *   <li>records: objects with the schema's field names, in schema order; every field is written (a null
 *       as {@code null});</li>
 *   <li>unions: the plain value of the branch, never Avro's {@code {"type": value}} wrapper;</li>
 *   <li>enums: the symbol as a string; maps: objects, in the map's iteration order; arrays: arrays;</li>
 *   <li>bytes and fixed: base64 (RFC 4648, with padding) in a string;</li>
 *   <li>float and double: JSON numbers, the shortest decimal that reads back as the same value (Jackson's
 *       Schubfach writer, {@link StreamWriteFeature#USE_FAST_DOUBLE_WRITER}: JDK 17's {@code Double.toString}
 *       is not always shortest, and its slow path was a third of kernel-forecast's monitor thread at 10k
 *       keys, docs/performance.md "Scale, part 3"); a non-finite value (NaN, ±∞) is
 *       written {@code null}, because JSON has none, and reads back as NaN where the schema has no null
 *       branch (so ±∞ come back as NaN, and a NaN in a {@code ["null","double"]} field as null).</li>
 * </ul>
 *
 * <p>The reader is the inverse: a union takes the first branch the JSON value fits (null → null; a string
 * → string, enum or bytes; true/false → boolean; an integer → int/long, else double/float; a fraction →
 * double/float; an array → the array; an object → the record or map), a missing field takes its schema
 * default, unknown fields are ignored. Output is deterministic: replays compare byte for byte.
 */
public final class AvroJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
    private static final ObjectMapper TREE = new ObjectMapper(FACTORY);
    /** Builds the generated classes of io.witness.schemas (loaded where those classes are). */
    private static final SpecificData SPECIFIC = new SpecificData(io.witness.schemas.Evidence.class.getClassLoader());

    /**
     * Field names pre-encoded as quoted UTF-8 ({@link SerializedString}), which the generator copies as
     * bytes: writing a name from its {@code String} checks and encodes it char by char, 17 % of
     * kernel-forecast's monitor thread at 10k keys (docs/performance.md "Scale, part 4"). Record field
     * names are cached per schema, map keys (explanation keys, event field names: a set fixed by the
     * methods and the configuration) per string; each cache stops growing at {@value #MAX_CACHED_NAMES}
     * entries, after which names are written as before. The bytes written are the same either way.
     */
    private static final int MAX_CACHED_NAMES = 4096;
    private static final Map<Schema, SerializedString[]> RECORD_NAMES = new ConcurrentHashMap<>();
    private static final Map<String, SerializedString> MAP_KEYS = new ConcurrentHashMap<>();

    private AvroJson() {
    }

    /** One record as UTF-8 JSON on one line. */
    public static byte[] write(IndexedRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
            write(g, record, record.getSchema());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON of " + record.getSchema().getFullName(), e);
        }
        return bytes.toByteArray();
    }

    public static String writeString(IndexedRecord record) {
        return new String(write(record), StandardCharsets.UTF_8);
    }

    /** Writes {@code datum} as the JSON of {@code schema}. */
    public static void write(JsonGenerator g, Object datum, Schema schema) throws IOException {
        switch (schema.getType()) {
            case RECORD -> {
                IndexedRecord r = (IndexedRecord) datum;
                List<Schema.Field> fields = schema.getFields();
                SerializedString[] names = recordNames(schema, fields);
                g.writeStartObject();
                for (int i = 0; i < fields.size(); i++) {
                    Schema.Field f = fields.get(i);
                    if (names != null) {
                        g.writeFieldName(names[i]);
                    } else {
                        g.writeFieldName(f.name());
                    }
                    write(g, r.get(f.pos()), f.schema());
                }
                g.writeEndObject();
            }
            case UNION -> write(g, datum, schema.getTypes().get(branch(schema, datum)));
            case ARRAY -> {
                g.writeStartArray();
                for (Object item : (Collection<?>) datum) {
                    write(g, item, schema.getElementType());
                }
                g.writeEndArray();
            }
            case MAP -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) datum).entrySet()) {
                    writeMapKey(g, e.getKey().toString());
                    write(g, e.getValue(), schema.getValueType());
                }
                g.writeEndObject();
            }
            case ENUM, STRING -> g.writeString(datum.toString());
            case BYTES -> {
                ByteBuffer b = ((ByteBuffer) datum).duplicate();
                byte[] a = new byte[b.remaining()];
                b.get(a);
                g.writeString(Base64.getEncoder().encodeToString(a));
            }
            case FIXED -> g.writeString(Base64.getEncoder().encodeToString(((GenericFixed) datum).bytes()));
            case INT -> g.writeNumber(((Number) datum).intValue());
            case LONG -> g.writeNumber(((Number) datum).longValue());
            case FLOAT -> {
                float v = ((Number) datum).floatValue();
                if (Float.isFinite(v)) {
                    g.writeNumber(v);
                } else {
                    g.writeNull();
                }
            }
            case DOUBLE -> {
                double v = ((Number) datum).doubleValue();
                if (Double.isFinite(v)) {
                    g.writeNumber(v);
                } else {
                    g.writeNull();
                }
            }
            case BOOLEAN -> g.writeBoolean((Boolean) datum);
            case NULL -> g.writeNull();
        }
    }

    private static SerializedString[] recordNames(Schema schema, List<Schema.Field> fields) {
        SerializedString[] names = RECORD_NAMES.get(schema);
        if (names == null && RECORD_NAMES.size() < MAX_CACHED_NAMES) {
            names = new SerializedString[fields.size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = new SerializedString(fields.get(i).name());
            }
            RECORD_NAMES.putIfAbsent(schema, names);
        }
        return names;
    }

    private static void writeMapKey(JsonGenerator g, String key) throws IOException {
        SerializedString name = MAP_KEYS.get(key);
        if (name == null && MAP_KEYS.size() < MAX_CACHED_NAMES) {
            name = MAP_KEYS.computeIfAbsent(key, SerializedString::new);
        }
        if (name != null) {
            g.writeFieldName(name);
        } else {
            g.writeFieldName(key);
        }
    }

    /**
     * The union branch of {@code datum}. A union holds at most one branch of each unnamed type (Avro's
     * rule), so a datum of a primitive, array or map class has exactly one candidate, found by a scan of
     * the (few) branches; Avro's {@code resolveUnion} finds it by the datum's type name, a hash probe per
     * field and record that was 6 % of kernel-forecast's monitor thread. Named types (records, enums,
     * fixed), and a datum no branch fits, go to Avro, which also reports the misfit.
     */
    static int branch(Schema union, Object datum) {
        Schema.Type t = unnamedType(datum);
        if (t != null) {
            List<Schema> types = union.getTypes();
            for (int i = 0; i < types.size(); i++) {
                if (types.get(i).getType() == t) {
                    return i;
                }
            }
        }
        return GenericData.get().resolveUnion(union, datum);
    }

    /** The Avro type a datum of an unnamed type is written as (GenericData's mapping), or null. */
    private static Schema.Type unnamedType(Object d) {
        // final classes first: an exact class check each, where an interface test (CharSequence) on a
        // Double scans its supertypes
        if (d == null) {
            return Schema.Type.NULL;
        } else if (d instanceof Double) {
            return Schema.Type.DOUBLE;
        } else if (d instanceof Long) {
            return Schema.Type.LONG;
        } else if (d instanceof Integer) {
            return Schema.Type.INT;
        } else if (d instanceof Boolean) {
            return Schema.Type.BOOLEAN;
        } else if (d instanceof Float) {
            return Schema.Type.FLOAT;
        } else if (d instanceof CharSequence) {
            return Schema.Type.STRING;
        } else if (d instanceof Collection<?>) {
            return Schema.Type.ARRAY;
        } else if (d instanceof Map<?, ?>) {
            return Schema.Type.MAP;
        } else if (d instanceof ByteBuffer) {
            return Schema.Type.BYTES;
        }
        return null;
    }

    /** Reads one generated record (Evidence, Alert, Decision, …) from its JSON. */
    public static <T extends SpecificRecord> T read(byte[] json, Class<T> type) throws IOException {
        Schema schema = SPECIFIC.getSchema(type);
        return type.cast(read(json, schema, SPECIFIC));
    }

    /** Reads one generated record from JSON already parsed (by a caller that looked at it first). */
    public static <T extends SpecificRecord> T read(JsonNode json, Class<T> type) throws IOException {
        Schema schema = SPECIFIC.getSchema(type);
        return type.cast(read(json, schema, SPECIFIC, schema.getName()));
    }

    /**
     * Reads the JSON of {@code schema}; {@code model} decides the classes of records and enums
     * ({@link GenericData#get()} for generic records, a {@link SpecificData} for the generated ones).
     * Strings are {@link String}, arrays {@link ArrayList}, maps {@link LinkedHashMap} in the JSON's order.
     *
     * @throws IOException naming the field when the JSON does not fit the schema
     */
    public static Object read(byte[] json, Schema schema, GenericData model) throws IOException {
        JsonNode tree = TREE.readTree(json);
        if (tree == null) {
            throw new IOException("empty input, expected the JSON of " + schema.getFullName());
        }
        return read(tree, schema, model, schema.getName());
    }

    public static Object read(JsonNode n, Schema schema, GenericData model, String path) throws IOException {
        switch (schema.getType()) {
            case RECORD -> {
                if (!n.isObject()) {
                    throw mismatch(path, "an object", n);
                }
                IndexedRecord r = (IndexedRecord) model.newRecord(null, schema);
                for (Schema.Field f : schema.getFields()) {
                    JsonNode v = n.get(f.name());
                    if (v == null) {
                        if (!f.hasDefaultValue()) {
                            throw new IOException("'" + path + "." + f.name() + "' is missing");
                        }
                        r.put(f.pos(), model.deepCopy(f.schema(), model.getDefaultValue(f)));
                    } else {
                        r.put(f.pos(), read(v, f.schema(), model, path + "." + f.name()));
                    }
                }
                return r;
            }
            case UNION -> {
                return read(n, branch(n, schema, model, path), model, path);
            }
            case ARRAY -> {
                if (!n.isArray()) {
                    throw mismatch(path, "an array", n);
                }
                List<Object> out = new ArrayList<>(n.size());
                int i = 0;
                for (JsonNode item : n) {
                    out.add(read(item, schema.getElementType(), model, path + "[" + i++ + "]"));
                }
                return out;
            }
            case MAP -> {
                if (!n.isObject()) {
                    throw mismatch(path, "an object", n);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    out.put(e.getKey(), read(e.getValue(), schema.getValueType(), model, path + "." + e.getKey()));
                }
                return out;
            }
            case ENUM -> {
                if (!n.isTextual()) {
                    throw mismatch(path, "a symbol of " + schema.getName(), n);
                }
                String symbol = n.asText();
                if (!schema.hasEnumSymbol(symbol)) {
                    if (schema.getEnumDefault() == null) {
                        throw new IOException("'" + path + "' is '" + symbol + "', not one of " + schema.getEnumSymbols());
                    }
                    symbol = schema.getEnumDefault();
                }
                return model.createEnum(symbol, schema);
            }
            case STRING -> {
                if (!n.isTextual()) {
                    throw mismatch(path, "a string", n);
                }
                return n.asText();
            }
            case BYTES -> {
                return ByteBuffer.wrap(base64(n, path));
            }
            case FIXED -> {
                byte[] b = base64(n, path);
                if (b.length != schema.getFixedSize()) {
                    throw new IOException("'" + path + "' has " + b.length + " bytes, expected " + schema.getFixedSize());
                }
                return model.createFixed(null, b, schema);
            }
            case INT -> {
                if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                    throw mismatch(path, "an int", n);
                }
                return n.intValue();
            }
            case LONG -> {
                if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                    throw mismatch(path, "a long", n);
                }
                return n.longValue();
            }
            case FLOAT -> {
                if (n.isNull()) {
                    return Float.NaN;
                }
                if (!n.isNumber()) {
                    throw mismatch(path, "a number", n);
                }
                return n.floatValue();
            }
            case DOUBLE -> {
                if (n.isNull()) {
                    return Double.NaN;
                }
                if (!n.isNumber()) {
                    throw mismatch(path, "a number", n);
                }
                return n.doubleValue();
            }
            case BOOLEAN -> {
                if (!n.isBoolean()) {
                    throw mismatch(path, "true or false", n);
                }
                return n.booleanValue();
            }
            case NULL -> {
                if (!n.isNull()) {
                    throw mismatch(path, "null", n);
                }
                return null;
            }
        }
        throw new IOException("'" + path + "': unsupported schema type " + schema.getType());
    }

    /** The first branch of {@code union} that the JSON value fits (class comment). */
    private static Schema branch(JsonNode n, Schema union, GenericData model, String path) throws IOException {
        List<Schema> types = union.getTypes();
        if (n.isNull()) {
            Schema nan = null;
            for (Schema t : types) {
                if (t.getType() == Schema.Type.NULL) {
                    return t;
                }
                if (nan == null && (t.getType() == Schema.Type.DOUBLE || t.getType() == Schema.Type.FLOAT)) {
                    nan = t;
                }
            }
            if (nan != null) {
                return nan;
            }
        } else if (n.isTextual()) {
            for (Schema t : types) {
                Schema.Type k = t.getType();
                if (k == Schema.Type.STRING || k == Schema.Type.BYTES || k == Schema.Type.FIXED
                        || (k == Schema.Type.ENUM && (t.hasEnumSymbol(n.asText()) || t.getEnumDefault() != null))) {
                    return t;
                }
            }
        } else if (n.isBoolean()) {
            for (Schema t : types) {
                if (t.getType() == Schema.Type.BOOLEAN) {
                    return t;
                }
            }
        } else if (n.isNumber()) {
            Schema integral = null;
            Schema real = null;
            for (Schema t : types) {
                Schema.Type k = t.getType();
                if (integral == null && (k == Schema.Type.LONG || (k == Schema.Type.INT && n.canConvertToInt()))) {
                    integral = t;
                }
                if (real == null && (k == Schema.Type.DOUBLE || k == Schema.Type.FLOAT)) {
                    real = t;
                }
            }
            Schema pick = n.isIntegralNumber() && n.canConvertToLong() && integral != null ? integral : real;
            if (pick != null) {
                return pick;
            }
        } else if (n.isArray()) {
            for (Schema t : types) {
                if (t.getType() == Schema.Type.ARRAY) {
                    return t;
                }
            }
        } else if (n.isObject()) {
            // several records may be allowed: the first one the object reads as
            for (Schema t : types) {
                if (t.getType() == Schema.Type.RECORD || t.getType() == Schema.Type.MAP) {
                    try {
                        read(n, t, model, path);
                        return t;
                    } catch (IOException notThisOne) {
                        // try the next branch
                    }
                }
            }
        }
        throw mismatch(path, "one of " + union, n);
    }

    private static byte[] base64(JsonNode n, String path) throws IOException {
        if (!n.isTextual()) {
            throw mismatch(path, "a base64 string", n);
        }
        try {
            return Base64.getDecoder().decode(n.asText());
        } catch (IllegalArgumentException e) {
            throw new IOException("'" + path + "' is not base64: " + e.getMessage());
        }
    }

    private static IOException mismatch(String path, String expected, JsonNode n) {
        String shown = n.toString();
        if (shown.length() > 80) {
            shown = shown.substring(0, 77) + "...";
        }
        return new IOException("'" + path + "' must be " + expected + ", got " + shown);
    }
}
