package io.witness.jobs.core;

import io.witness.jobs.metrics.WitnessMetrics;
import io.witness.schemas.DeadLetter;
import io.witness.schemas.DeadLetterReason;
import io.witness.schemas.PayloadEncoding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds dead-letter records, counts them, and logs them at a bounded rate (at most one line per
 * {@link #LOG_INTERVAL_MS} per JVM, with how many were not logged), so a flood of bad input cannot
 * flood the log.
 */
public final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    /** Payloads are cut to this many bytes in the dead-letter record. */
    public static final int MAX_PAYLOAD_BYTES = 16 * 1024;
    /** Reason texts are cut to this many chars. */
    public static final int MAX_TEXT_CHARS = 1024;
    static final long LOG_INTERVAL_MS = 10_000;
    private static final AtomicLong lastLog = new AtomicLong();
    private static final AtomicLong unlogged = new AtomicLong();

    private DeadLetters() {
    }

    public static DeadLetter of(String topic, Integer partition, Long offset, byte[] payload,
                                DeadLetterReason reason, String text, String monitor, String key) {
        WitnessMetrics.DEAD_LETTERS.labels(reason.name()).inc();
        logRateLimited(topic, partition, offset, reason, text, monitor);
        byte[] cut = payload == null ? new byte[0]
                : payload.length <= MAX_PAYLOAD_BYTES ? payload : java.util.Arrays.copyOf(payload, MAX_PAYLOAD_BYTES);
        String text8 = utf8(cut);
        // the record's size is bounded whatever the input: the reason text may quote a field name and the key
        // is the event's, both of any length (the payload above is cut the same way)
        text = cut(text, MAX_TEXT_CHARS);
        key = cut(key, InputRouter.MAX_KEY_BYTES);   // a key that passed validation is never cut
        return DeadLetter.newBuilder()
                .setTopic(topic)
                .setPartition(partition)
                .setOffset(offset)
                .setPayload(text8 != null ? text8 : Base64.getEncoder().encodeToString(cut))
                .setPayloadEncoding(text8 != null ? PayloadEncoding.UTF8 : PayloadEncoding.BASE64)
                .setReason(reason)
                .setReasonText(text)
                .setMonitor(monitor)
                .setKey(key)
                .setTime(System.currentTimeMillis())
                .build();
    }

    /** The text, or its first chars and {@code …(N chars)} when longer (never splitting a surrogate pair). */
    static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end) + "…(" + s.length() + " chars)";
    }

    /** Strict UTF-8 decoding, or null for binary payloads (they are then base64). */
    private static String utf8(byte[] b) {
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
            String s = cb.toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                    return null;   // control bytes: Avro binary that happens to be valid UTF-8
                }
            }
            return s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void logRateLimited(String topic, Integer partition, Long offset, DeadLetterReason reason,
                                       String text, String monitor) {
        long now = System.currentTimeMillis();
        long last = lastLog.get();
        if (now - last >= LOG_INTERVAL_MS && lastLog.compareAndSet(last, now)) {
            long skipped = unlogged.getAndSet(0);
            LOG.warn("dead letter {} from {}/{}@{}{}: {}{}", reason, topic, partition, offset,
                    monitor == null ? "" : " (monitor " + monitor + ")", text,
                    skipped > 0 ? " [" + skipped + " more dead letters since the last line; see witness_dead_letters_total]" : "");
        } else {
            unlogged.incrementAndGet();
        }
    }
}
