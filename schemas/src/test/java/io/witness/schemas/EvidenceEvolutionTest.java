package io.witness.schemas;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The typed explanation (issue 15) is an evolution of the old {@code map<string>} one: Evidence written
 * with the old schema (a copy kept in {@code src/test/resources/avro-v1}) reads with this build's schema,
 * every old value as the string branch. The reverse (an old reader on new, typed data) is not
 * compatible, which is why the README says so; Witness writes its outputs as JSON.
 */
class EvidenceEvolutionTest {

    private static Schema oldSchema() throws IOException {
        try (InputStream in = EvidenceEvolutionTest.class.getResourceAsStream("/avro-v1/Evidence.avsc")) {
            return new Schema.Parser().parse(in);
        }
    }

    @Test
    void bytesWrittenWithTheOldSchemaReadWithTheNewOne() throws IOException {
        Schema old = oldSchema();
        assertThat(old.getField("explanation").schema().getValueType().getType()).isEqualTo(Schema.Type.STRING);
        GenericRecord r = new GenericData.Record(old);
        r.put("monitor", "latency-errors");
        r.put("key", "payments");
        r.put("method", "skit");
        r.put("time", 1763800072300L);
        r.put("n", 2890L);
        r.put("statistic", 3.21);
        r.put("p_value", 0.0403);
        r.put("e_value", null);
        r.put("threshold", 20.0);
        r.put("alarm", true);
        Map<String, String> why = new LinkedHashMap<>();
        why.put("payoff", "0.061");
        why.put("mu", "[0.2428,0.3864]");
        why.put("bettor", "ons");
        r.put("explanation", why);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(old).write(r, enc);
        enc.flush();

        SpecificDatumReader<Evidence> reader = new SpecificDatumReader<>(old, Evidence.getClassSchema());
        Evidence e = reader.read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

        assertThat(e.getMonitor()).isEqualTo("latency-errors");
        assertThat(e.getPValue()).isEqualTo(0.0403);
        assertThat(e.getEValue()).isNull();
        assertThat(e.getAlarm()).isTrue();
        assertThat(e.getExplanation()).containsOnlyKeys("payoff", "mu", "bettor");
        // every old value is the string branch of the new union, unchanged
        assertThat(e.getExplanation().get("payoff")).isEqualTo("0.061");
        assertThat(e.getExplanation().get("mu")).isEqualTo("[0.2428,0.3864]");
        assertThat(e.getExplanation().get("bettor")).isEqualTo("ons");
    }

    @Test
    void theNewSchemaReadsEverythingTheOldOneWrote() throws IOException {
        SchemaCompatibility.SchemaPairCompatibility c =
                SchemaCompatibility.checkReaderWriterCompatibility(Evidence.getClassSchema(), oldSchema());
        assertThat(c.getType()).as(c.getDescription()).isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        // Alert nests Evidence: alerts written when Evidence was the old one read too
        Schema.Parser parser = new Schema.Parser();
        try (InputStream ev = EvidenceEvolutionTest.class.getResourceAsStream("/avro-v1/Evidence.avsc");
             InputStream al = EvidenceEvolutionTest.class.getResourceAsStream("/avro/Alert.avsc")) {
            parser.parse(ev);
            Schema oldAlert = parser.parse(al);
            SchemaCompatibility.SchemaPairCompatibility a =
                    SchemaCompatibility.checkReaderWriterCompatibility(Alert.getClassSchema(), oldAlert);
            assertThat(a.getType()).as(a.getDescription()).isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @Test
    void theUnionHasOneBranchPerExplanationKind() {
        List<Schema> branches = Evidence.getClassSchema().getField("explanation").schema().getValueType().getTypes();
        assertThat(branches.stream().map(Schema::getType)).containsExactly(Schema.Type.STRING, Schema.Type.DOUBLE,
                Schema.Type.LONG, Schema.Type.BOOLEAN, Schema.Type.ARRAY);
        assertThat(branches.get(0).getType()).as("string first: old values resolve to it").isEqualTo(Schema.Type.STRING);
    }
}
