package io.witness.operators.monitor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one decision step of a method concluded. The streaming layer turns it into an Evidence record;
 * the alert policy reads {@link #alarm()} and {@link #clear()}.
 *
 * @param n           observations consumed so far
 * @param statistic   the method's statistic
 * @param pValue      p-value, or {@code null} where the method has none
 * @param eValue      e-value, or {@code null} where the method has none
 * @param threshold   the level the decision compares with
 * @param alarm       this step crossed the threshold
 * @param clear       the method's reset rule says the anomaly is over (lets the alert policy resolve)
 * @param explanation diagnostics in a fixed, deterministic order
 */
public record Step(long n, double statistic, Double pValue, Double eValue, double threshold,
                   boolean alarm, boolean clear, Map<String, String> explanation) {

    public Step {
        explanation = Collections.unmodifiableMap(new LinkedHashMap<>(explanation));
    }

    /** Formats a number for an explanation map: shortest round-trip decimal. */
    public static String num(double v) {
        return Double.toString(v);
    }
}
