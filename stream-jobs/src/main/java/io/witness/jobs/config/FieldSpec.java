package io.witness.jobs.config;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One input field a monitor reads: a scalar {@code latency_ms}, or a vector {@code emb[8]} whose
 * entries are the Event fields {@code emb[0] .. emb[7]} (in JSON input, also an array under {@code emb}).
 */
public record FieldSpec(String name, int dimension, boolean vector) implements Serializable {
    private static final Pattern FORM = Pattern.compile("([A-Za-z_][A-Za-z0-9_.:-]*)(?:\\[(\\d{1,5})])?");

    public static FieldSpec parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a field name (letters, digits, _ . : -) "
                    + "or a vector field like emb[8]");
        }
        if (m.group(2) == null) {
            return new FieldSpec(m.group(1), 1, false);
        }
        int d = Integer.parseInt(m.group(2));
        if (d < 1 || d > 4096) {
            throw new IllegalArgumentException("vector field '" + text + "' must have a dimension in [1, 4096]");
        }
        return new FieldSpec(m.group(1), d, true);
    }

    /** The Event map entry of component i. */
    public String entry(int i) {
        return vector ? name + "[" + i + "]" : name;
    }

    @Override
    public String toString() {
        return vector ? name + "[" + dimension + "]" : name;
    }
}
