package io.witness.jobs.codec;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One wire contract (issue 15): every field of every schema in {@code schemas/src/main/avro} round-trips
 * through the JSON of {@link AvroJson} and through Avro binary. Records are random, drawn from the schema
 * with a fixed seed: every union branch, empty and non-empty arrays and maps, unicode strings (escapes,
 * supplementary code points), extreme longs and doubles; the test also checks that the draws covered all
 * of that, so a schema change cannot slip past it untested.
 */
class SchemaRoundTripTest {
    private static final Path SCHEMAS = Path.of("..", "schemas", "src", "main", "avro");
    private static final int RECORDS = 300;
    private static final String[] STRINGS = {"", "payments", "ünïcödé ß", "日本語のキー", "emoji 😀🚀 and 𝔘",
        "quote \" backslash \\ slash / newline \n tab \t cr \r", "nul \u0000 and ctrl \u001f \u007f",
        "line sep \u2028 para sep \u2029", "{\"json\":\"inside\"}", "NaN"};
    private static final long[] LONGS = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE - 1L,
        1_763_800_072_300L};
    private static final int[] INTS = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE};
    private static final double[] FINITE = {0.0, -0.0, 1.0, -1.5, 0.1, 1e-300, Double.MIN_VALUE, -Double.MIN_VALUE,
        Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 3.0e20, 123456789.0};
    private static final double[] NON_FINITE = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    /** Every schema file, parsed in dependency order (Evidence before Alert, which nests it). */
    static List<Schema> schemas() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(SCHEMAS)) {
            files = new ArrayList<>(s.filter(p -> p.toString().endsWith(".avsc")).sorted().toList());
        }
        files.sort((a, b) -> Boolean.compare(!a.endsWith("Evidence.avsc"), !b.endsWith("Evidence.avsc")));
        Schema.Parser parser = new Schema.Parser();
        List<Schema> out = new ArrayList<>();
        for (Path f : files) {
            out.add(parser.parse(f.toFile()));
        }
        return out;
    }

    @Test
    void everySchemaRoundTripsThroughJsonAndAvroBinary() throws IOException {
        List<Schema> schemas = schemas();
        assertThat(schemas.stream().map(Schema::getName)).contains("Event", "Evidence", "Alert", "DeadLetter",
                "DecisionRequest", "Decision", "Feedback");
        SpecificData model = SpecificData.get();
        for (Schema file : schemas) {
            // the generated class's schema (it carries avro.java.string = String) is this file's
            Class<?> type = model.getClass(file);
            assertThat(type).as("generated class of %s", file.getFullName()).isNotNull();
            Schema schema = ((SpecificRecord) model.newRecord(null, file)).getSchema();
            assertThat(SchemaNormalization.parsingFingerprint64(schema))
                    .isEqualTo(SchemaNormalization.parsingFingerprint64(file));
            Draws json = new Draws(new SplittableRandom(file.getFullName().hashCode()), false, model);
            Draws binary = new Draws(new SplittableRandom(~file.getFullName().hashCode()), true, model);
            for (int i = 0; i < RECORDS; i++) {
                Object r = json.draw(schema, schema.getName());
                assertThat(AvroJson.read(AvroJson.write((IndexedRecord) r), schema, model))
                        .as("%s #%d through JSON: %s", schema.getName(), i, r).isEqualTo(r);
                Object b = binary.draw(schema, schema.getName());
                assertThat(binaryRoundTrip(b, schema, new SpecificDatumWriter<>(schema, model),
                        new SpecificDatumReader<>(schema, schema, model)))
                        .as("%s #%d through Avro binary: %s", schema.getName(), i, b).isEqualTo(b);
            }
            json.assertCoveredEverything(schema.getName());
            binary.assertCoveredEverything(schema.getName());
        }
    }

    /** What the Witness schemas do not use, so the writer's and reader's other branches are proven too. */
    @Test
    void bytesFixedFloatIntAndUnionsOfRecordsRoundTrip() throws IOException {
        Schema s = new Schema.Parser().parse("""
                {"type":"record","name":"Other","namespace":"test","fields":[
                  {"name":"b","type":"bytes"},
                  {"name":"f","type":{"type":"fixed","name":"Four","size":4}},
                  {"name":"fl","type":"float"},
                  {"name":"i","type":"int"},
                  {"name":"u","type":["null","int","string","boolean"]},
                  {"name":"rec","type":[{"type":"record","name":"A","fields":[{"name":"x","type":"int"}]},
                                        {"type":"record","name":"B","fields":[{"name":"y","type":"string"}]}]},
                  {"name":"items","type":{"type":"array","items":["long","double"]}}
                ]}""");
        GenericData model = GenericData.get();
        Draws json = new Draws(new SplittableRandom(11), false, model);
        Draws binary = new Draws(new SplittableRandom(12), true, model);
        for (int i = 0; i < RECORDS; i++) {
            Object r = json.draw(s, "Other");
            assertThat(AvroJson.read(AvroJson.write((IndexedRecord) r), s, model)).as("#%d %s", i, r).isEqualTo(r);
            Object b = binary.draw(s, "Other");
            assertThat(binaryRoundTrip(b, s, new GenericDatumWriter<>(s, model), new GenericDatumReader<>(s, s, model)))
                    .as("#%d %s", i, b).isEqualTo(b);
        }
        json.assertCoveredEverything("Other");
        binary.assertCoveredEverything("Other");
    }

    /** JSON has no NaN or infinity: written null, read back as NaN, or as null where null is a branch. */
    @Test
    void nonFiniteDoublesAreWrittenNull() throws IOException {
        Schema s = new Schema.Parser().parse("""
                {"type":"record","name":"D","fields":[{"name":"d","type":"double"},
                  {"name":"n","type":["null","double"]},{"name":"v","type":{"type":"array","items":"double"}}]}""");
        GenericData.Record r = new GenericData.Record(s);
        r.put("d", Double.POSITIVE_INFINITY);
        r.put("n", Double.NaN);
        r.put("v", List.of(1.0, Double.NEGATIVE_INFINITY, Double.NaN));

        assertThat(AvroJson.writeString(r)).isEqualTo("{\"d\":null,\"n\":null,\"v\":[1.0,null,null]}");
        GenericData.Record back = (GenericData.Record) AvroJson.read(AvroJson.write(r), s, GenericData.get());
        assertThat((Double) back.get("d")).isNaN();
        assertThat(back.get("n")).isNull();
        assertThat(back.get("v").toString()).isEqualTo("[1.0, NaN, NaN]");
    }

    private static Object binaryRoundTrip(Object datum, Schema schema, DatumWriter<Object> writer,
                                              DatumReader<Object> reader) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
        writer.write(datum, enc);
        enc.flush();
        return reader.read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    }

    /** Random values of a schema, remembering which union branches and empty / non-empty containers it drew. */
    private static final class Draws {
        private final SplittableRandom r;
        private final boolean nonFinite;
        private final GenericData model;
        private final Set<String> needed = new TreeSet<>();
        private final Set<String> drawn = new TreeSet<>();

        Draws(SplittableRandom r, boolean nonFinite, GenericData model) {
            this.r = r;
            this.nonFinite = nonFinite;
            this.model = model;
        }

        void assertCoveredEverything(String what) {
            assertThat(drawn).as("%s: union branches and empty/non-empty containers drawn", what).containsAll(needed);
        }

        private void cover(String path, String what, int options) {
            for (int k = 0; k < options; k++) {
                needed.add(path + " " + (options == 2 && what.equals("size") ? (k == 0 ? "empty" : "non-empty") : what + k));
            }
        }

        Object draw(Schema s, String path) {
            switch (s.getType()) {
                case RECORD -> {
                    IndexedRecord rec = (IndexedRecord) model.newRecord(null, s);
                    for (Schema.Field f : s.getFields()) {
                        rec.put(f.pos(), draw(f.schema(), path + "." + f.name()));
                    }
                    return rec;
                }
                case UNION -> {
                    int k = r.nextInt(s.getTypes().size());
                    cover(path, "branch", s.getTypes().size());
                    drawn.add(path + " branch" + k);
                    return draw(s.getTypes().get(k), path + "|" + k);
                }
                case ARRAY -> {
                    int n = size(path);
                    List<Object> out = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        out.add(draw(s.getElementType(), path + "[]"));
                    }
                    return out;
                }
                case MAP -> {
                    int n = size(path);
                    Map<String, Object> out = new LinkedHashMap<>();
                    while (out.size() < n) {
                        out.put(string() + out.size(), draw(s.getValueType(), path + "{}"));
                    }
                    return out;
                }
                case ENUM -> {
                    int k = r.nextInt(s.getEnumSymbols().size());
                    cover(path, "symbol", s.getEnumSymbols().size());
                    drawn.add(path + " symbol" + k);
                    return model.createEnum(s.getEnumSymbols().get(k), s);
                }
                case STRING -> {
                    return string();
                }
                case BYTES -> {
                    byte[] b = new byte[r.nextInt(6)];
                    r.nextBytes(b);
                    return ByteBuffer.wrap(b);
                }
                case FIXED -> {
                    byte[] b = new byte[s.getFixedSize()];
                    r.nextBytes(b);
                    return model.createFixed(null, b, s);
                }
                case INT -> {
                    return r.nextBoolean() ? INTS[r.nextInt(INTS.length)] : r.nextInt();
                }
                case LONG -> {
                    return r.nextBoolean() ? LONGS[r.nextInt(LONGS.length)] : r.nextLong();
                }
                case FLOAT -> {
                    float v = (float) real();
                    // a double beyond the float range casts to ±∞, which JSON cannot carry
                    return nonFinite || Float.isFinite(v) ? v : Math.copySign(Float.MAX_VALUE, v);
                }
                case DOUBLE -> {
                    return real();
                }
                case BOOLEAN -> {
                    return r.nextBoolean();
                }
                default -> {
                    return null;
                }
            }
        }

        private int size(String path) {
            cover(path, "size", 2);
            int n = r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(4);
            drawn.add(path + " " + (n == 0 ? "empty" : "non-empty"));
            return n;
        }

        private double real() {
            if (nonFinite && r.nextInt(6) == 0) {
                return NON_FINITE[r.nextInt(NON_FINITE.length)];
            }
            return r.nextBoolean() ? FINITE[r.nextInt(FINITE.length)]
                    : r.nextGaussian() * Math.pow(10, r.nextInt(-20, 21));
        }

        /** A fixed tricky string, or random code points (BMP without surrogates, and supplementary ones). */
        private String string() {
            if (r.nextBoolean()) {
                return STRINGS[r.nextInt(STRINGS.length)];
            }
            StringBuilder sb = new StringBuilder();
            for (int i = r.nextInt(8); i > 0; i--) {
                int cp;
                do {
                    cp = r.nextInt(4) == 0 ? r.nextInt(0x10000, 0x110000) : r.nextInt(0, 0x10000);
                } while (cp >= 0xD800 && cp <= 0xDFFF);
                sb.appendCodePoint(cp);
            }
            return sb.toString();
        }
    }
}
