package io.witness.jobs.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.witness.jobs.config.WireFormat;
import io.witness.jobs.core.BadRecord;
import io.witness.schemas.DeadLetterReason;

/**
 * JSON input is decoded as strict UTF-8: sequences that Jackson's own byte parser accepts but that are not
 * UTF-8 (RFC 3629) are MALFORMED, never an event of a key with U+FFFD or garbage in it.
 */
class StrictUtf8Test {
    private final EventDecoder decoder = new EventDecoder();

    /** {"key":"null-13<bytes>","time":1} */
    private static byte[] keyWith(int... bytes) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("{\"key\":\"null-13".getBytes(StandardCharsets.UTF_8));
        for (int x : bytes) {
            b.write(x);
        }
        b.writeBytes("\",\"time\":1}".getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    static Stream<Arguments> acceptedByJacksonButNotUtf8() {
        return Stream.of(
                Arguments.of("overlong '/'", new int[] {0xC0, 0xAF}),
                Arguments.of("encoded surrogate U+D800", new int[] {0xED, 0xA0, 0x80}),
                Arguments.of("above U+10FFFF", new int[] {0xF4, 0x90, 0x80, 0x80}),
                Arguments.of("overlong 3-byte NUL", new int[] {0xE0, 0x80, 0x80}),
                Arguments.of("lone continuation byte", new int[] {0x80}),
                Arguments.of("truncated 3-byte form", new int[] {0xE2, 0x82}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedByJacksonButNotUtf8")
    void invalidUtf8IsMalformedAndNamesTheByte(String what, int[] bytes) {
        BadRecord bad = catchThrowableOfType(BadRecord.class, () -> decoder.decode(keyWith(bytes), WireFormat.JSON));

        assertThat(bad).as(what).isNotNull();
        assertThat(bad.reason()).isEqualTo(DeadLetterReason.MALFORMED);
        // {"key":"null-13 is 15 bytes: the bad sequence starts at byte 15
        assertThat(bad.getMessage()).isEqualTo("not valid UTF-8 at byte 15 (0x%02X)", bytes[0]);
        assertThat(bad.key()).as("no key is made of undecodable bytes").isNull();
    }

    @Test
    void everyPlaneOfValidUtf8StillDecodes() throws BadRecord {
        String key = "zürich-東京-\uD83D\uDE00";   // 2-, 3- and 4-byte forms (U+1F600)
        byte[] json = ("{\"key\":\"" + key + "\",\"time\":1,\"fields\":{\"x\":1}}").getBytes(StandardCharsets.UTF_8);

        assertThat(decoder.decode(json, WireFormat.JSON).getKey()).isEqualTo(key);
    }

    @Test
    void aByteOrderMarkIsStillAccepted() throws BadRecord {
        byte[] json = "\uFEFF{\"key\":\"k\",\"time\":1}".getBytes(StandardCharsets.UTF_8);

        assertThat(decoder.decode(json, WireFormat.JSON).getKey()).isEqualTo("k");
    }
}
