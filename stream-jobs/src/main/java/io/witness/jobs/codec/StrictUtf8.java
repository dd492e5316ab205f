package io.witness.jobs.codec;

import io.witness.jobs.core.BadRecord;
import io.witness.schemas.DeadLetterReason;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The check every JSON record passes before Jackson sees it (events and bandit records alike). Jackson's byte
 * parser accepts overlong forms ({@code C0 AF}), encoded surrogates ({@code ED A0 80}) and code points above
 * U+10FFFF ({@code F4 90 80 80}) and turns them into U+FFFD or garbage inside strings, so such a record would
 * become an event of a key nobody sent. The JDK's decoder, set to report, rejects all three (RFC 3629). Not
 * thread-safe (one per decoder).
 */
final class StrictUtf8 {
    /** Bytes that are not UTF-8: the offset of the first bad byte and, when there is one, its value. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        final int at;
        /** {@code " (0xC0)"}, or empty when the input ended inside a sequence. */
        final String badByte;

        Invalid(int at, String badByte) {
            super("not valid UTF-8 at byte " + at + badByte, null, false, false);   // bad input is routine: no stack trace
            this.at = at;
            this.badByte = badByte;
        }
    }

    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /** MALFORMED unless the bytes are UTF-8; the reason names the first bad byte. */
    void check(byte[] payload) throws BadRecord {
        try {
            decode(payload, payload.length);
        } catch (Invalid e) {
            throw new BadRecord(DeadLetterReason.MALFORMED, "not valid UTF-8 at byte " + e.at + e.badByte);
        }
    }

    /** The first {@code length} bytes of {@code bytes} as a string, or {@link Invalid} at the first bad byte. */
    String decode(byte[] bytes, int length) throws Invalid {
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        CharBuffer out = CharBuffer.allocate(length);   // UTF-8 never gives more chars than bytes
        utf8.reset();
        CoderResult r = utf8.decode(in, out, true);
        if (!r.isError()) {
            r = utf8.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            throw new Invalid(at, (at < length ? String.format(" (0x%02X)", bytes[at] & 0xFF) : ""));
        }
        return out.flip().toString();
    }
}
