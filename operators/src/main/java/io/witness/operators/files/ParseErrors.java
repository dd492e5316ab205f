package io.witness.operators.files;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;

import java.util.regex.Pattern;

/**
 * Jackson's parse errors as one line for a user: the problem and the column, without the parser's
 * internals (its message embeds locations such as {@code [Source: REDACTED
 * (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1]}). The caller names
 * the file and line, or the topic and offset.
 */
public final class ParseErrors {

    private static final Pattern LOCATION = Pattern.compile("\\s*\\[Source: [^;\\]]*; line: \\d+, column: (\\d+)]");

    private ParseErrors() {
    }

    /** E.g. {@code Unexpected end-of-input: expected close marker for Array (start marker at column 1) (column 3)}. */
    public static String describe(JacksonException e) {
        String m = e.getOriginalMessage();
        m = LOCATION.matcher(m == null ? e.getClass().getSimpleName() : m).replaceAll(" column $1");
        m = m.replace("\r", " ").replace("\n", " ").strip();
        JsonLocation at = e.getLocation();
        return at == null || at.getColumnNr() < 1 ? m : m + " (column " + at.getColumnNr() + ")";
    }
}
