package io.witness.jobs.core;

import io.witness.schemas.DeadLetterReason;

/** Thrown by decoding and validation: carries the dead-letter reason code and a text naming the field. */
public final class BadRecord extends Exception {
    private static final long serialVersionUID = 1L;
    private final DeadLetterReason reason;
    private final String key;

    public BadRecord(DeadLetterReason reason, String text) {
        this(reason, text, null);
    }

    public BadRecord(DeadLetterReason reason, String text, String key) {
        super(text, null, false, false);   // no stack trace: bad input is routine, not exceptional
        this.reason = reason;
        this.key = key;
    }

    public DeadLetterReason reason() {
        return reason;
    }

    public String key() {
        return key;
    }
}
