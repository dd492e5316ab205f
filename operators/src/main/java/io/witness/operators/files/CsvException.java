package io.witness.operators.files;

/** A record that is not usable as CSV; the message is one line naming the problem (no position: callers add it). */
public final class CsvException extends Exception {
    private static final long serialVersionUID = 1L;

    public CsvException(String message) {
        super(message, null, false, false);
    }
}
