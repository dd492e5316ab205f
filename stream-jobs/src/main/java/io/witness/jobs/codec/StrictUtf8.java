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
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /** MALFORMED unless the bytes are UTF-8; the reason names the first bad byte. */
    void check(byte[] payload) throws BadRecord {
        ByteBuffer in = ByteBuffer.wrap(payload);
        CharBuffer out = CharBuffer.allocate(payload.length);   // UTF-8 never gives more chars than bytes
        utf8.reset();
        CoderResult r = utf8.decode(in, out, true);
        if (!r.isError()) {
            r = utf8.flush(out);
        }
        if (r.isError()) {
            throw new BadRecord(DeadLetterReason.MALFORMED, "not valid UTF-8 at byte " + in.position()
                    + (in.position() < payload.length ? String.format(" (0x%02X)", payload[in.position()] & 0xFF) : ""));
        }
    }
}
