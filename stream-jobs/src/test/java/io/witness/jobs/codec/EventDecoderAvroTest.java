package io.witness.jobs.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

import io.witness.jobs.config.WireFormat;
import io.witness.jobs.core.BadRecord;
import io.witness.schemas.DeadLetterReason;
import io.witness.schemas.Event;

/** Avro binary input: one plain record per message, written with the schemas in schemas/. */
class EventDecoderAvroTest {

    private final EventDecoder decoder = new EventDecoder();

    static byte[] avro(Event e) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bos, null);
        new SpecificDatumWriter<>(Event.class).write(e, enc);
        enc.flush();
        return bos.toByteArray();
    }

    private static Event event(String key) {
        return Event.newBuilder().setKey(key).setTime(1_763_800_000_000L)
                .setFields(Map.of("latency_ms", 118.2, "emb[0]", -0.5, "emb[1]", 0.25))
                .setType("error").setSource("edge-7").build();
    }

    private BadRecord reject(byte[] bytes) {
        BadRecord bad = catchThrowableOfType(BadRecord.class, () -> decoder.decode(bytes, WireFormat.AVRO));
        assertThat(bad).as("must be rejected").isNotNull();
        return bad;
    }

    @Test
    void roundTripsAnEvent() throws Exception {
        Event in = event("payments");

        Event out = decoder.decode(avro(in), WireFormat.AVRO);

        assertThat(out).isEqualTo(in);
        assertThat(out.getFields()).containsOnlyKeys("latency_ms", "emb[0]", "emb[1]");
    }

    @Test
    void roundTripsDefaultsAndNonFiniteValues() throws Exception {
        // NaN is representable in Avro; it is validation (InputRouter), not decoding, that says NOT_FINITE
        Event in = Event.newBuilder().setKey("k").setTime(-1).setFields(Map.of("a", Double.NaN)).build();

        Event out = decoder.decode(avro(in), WireFormat.AVRO);

        assertThat(out.getType()).isNull();
        assertThat(out.getSource()).isNull();
        assertThat(out.getFields().get("a")).isNaN();
    }

    @Test
    void oneDecoderDecodesManyRecordsAndRecoversAfterABadOne() throws Exception {
        byte[] good = avro(event("a"));

        assertThat(decoder.decode(good, WireFormat.AVRO).getKey()).isEqualTo("a");
        reject(Arrays.copyOf(good, good.length / 2));
        assertThat(decoder.decode(avro(event("b")), WireFormat.AVRO).getKey()).isEqualTo("b");
    }

    @Test
    void truncatedRecordIsMalformed() throws Exception {
        byte[] good = avro(event("payments"));

        BadRecord bad = reject(Arrays.copyOf(good, good.length - 3));

        assertThat(bad.reason()).isEqualTo(DeadLetterReason.MALFORMED);
        assertThat(bad.getMessage()).startsWith("not an Avro Event record: ");
    }

    @Test
    void trailingBytesAreMalformed() throws Exception {
        byte[] good = avro(event("payments"));

        BadRecord bad = reject(Arrays.copyOf(good, good.length + 2));

        assertThat(bad.reason()).isEqualTo(DeadLetterReason.MALFORMED);
        assertThat(bad.getMessage()).isEqualTo("trailing bytes after the Avro Event record");
    }

    @Test
    void jsonOnAnAvroTopicIsMalformed() {
        byte[] json = "{\"key\":\"k\",\"time\":1,\"fields\":{}}".getBytes(StandardCharsets.UTF_8);

        assertThat(reject(json).reason()).isEqualTo(DeadLetterReason.MALFORMED);
    }

    @Test
    void absurdLengthPrefixIsMalformedNotAnOutOfMemoryError() {
        // key length zig-zag varint = 2^31-ish: the reader must refuse, not allocate
        byte[] bytes = {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F, 'a'};

        assertThat(reject(bytes).reason()).isEqualTo(DeadLetterReason.MALFORMED);
    }

    @Test
    void emptyKeyIsAMissingField() throws Exception {
        BadRecord bad = reject(avro(event("")));

        assertThat(bad.reason()).isEqualTo(DeadLetterReason.MISSING_FIELD);
        assertThat(bad.getMessage()).isEqualTo("field 'key' is empty");
    }

    /** Replaces the first occurrence of {@code marker} (ASCII, same length as {@code bytes}) in the encoding. */
    private static byte[] patch(byte[] avro, String marker, int... bytes) {
        byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
        assertThat(bytes).hasSameSizeAs(m);
        for (int i = 0; i + m.length <= avro.length; i++) {
            if (Arrays.equals(avro, i, i + m.length, m, 0, m.length)) {
                byte[] out = avro.clone();
                for (int j = 0; j < bytes.length; j++) {
                    out[i + j] = (byte) bytes[j];
                }
                return out;
            }
        }
        throw new AssertionError(marker + " not in the encoding");
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> invalidUtf8InEveryString() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("KEY", "field 'key'", new int[] {0xC0, 0xAF, 'x'}),
                org.junit.jupiter.params.provider.Arguments.of("KEY", "field 'key'", new int[] {0xED, 0xA0, 0x80}),
                org.junit.jupiter.params.provider.Arguments.of("NAME", "a name in field 'fields'", new int[] {0xF4, 0x90, 0x80, 0x80}),
                org.junit.jupiter.params.provider.Arguments.of("TYPE", "field 'type'", new int[] {'t', 0x80, 'x', 'y'}),
                org.junit.jupiter.params.provider.Arguments.of("SRC", "field 'source'", new int[] {0xE2, 0x82, 'x'}));
    }

    /**
     * Avro's own reader turns invalid UTF-8 into U+FFFD: a record would have become an event of a key nobody
     * sent. Decoded strictly like JSON, it is MALFORMED with a reason naming the field.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{1}: {2}")
    @org.junit.jupiter.params.provider.MethodSource("invalidUtf8InEveryString")
    void invalidUtf8InAnyStringIsMalformedAndNamesTheField(String marker, String field, int[] bytes) throws Exception {
        Event in = Event.newBuilder().setKey("KEY").setTime(1L).setFields(Map.of("NAME", 1.0))
                .setType("TYPE").setSource("SRC").build();
        byte[] bad = patch(avro(in), marker, bytes);

        BadRecord r = reject(bad);

        assertThat(r.reason()).isEqualTo(DeadLetterReason.MALFORMED);
        assertThat(r.getMessage()).startsWith(field + " is not valid UTF-8 at byte ");
        // the same decoder goes on with good records
        assertThat(decoder.decode(avro(in), WireFormat.AVRO)).isEqualTo(in);
    }

    @Test
    void validMultiByteUtf8StaysExactlyAsSent() throws Exception {
        Event in = Event.newBuilder().setKey("zürich-東京-\uD83D\uDE80").setTime(1L).setFields(Map.of("größe", 2.0)).build();

        assertThat(decoder.decode(avro(in), WireFormat.AVRO)).isEqualTo(in);
    }

    @Test
    void emptyMessageIsMalformed() {
        BadRecord bad = reject(new byte[0]);

        assertThat(bad.reason()).isEqualTo(DeadLetterReason.MALFORMED);
        assertThat(bad.getMessage()).isEqualTo("empty record");
    }
}
