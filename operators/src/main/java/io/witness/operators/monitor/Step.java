package io.witness.operators.monitor;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
 * @param explanation typed diagnostics in a fixed, deterministic order (keys and types per method:
 *                    {@code schemas/README.md})
 * @param alarmKinds  the conditions this step met, for methods with several ({@link AlarmKind}); empty for
 *                    a method with one condition, and whenever {@code alarm} is false
 */
public record Step(long n, double statistic, Double pValue, Double eValue, double threshold,
                   boolean alarm, boolean clear, Map<String, ExplanationValue> explanation,
                   Set<AlarmKind> alarmKinds) {

    public Step {
        explanation = Collections.unmodifiableMap(new LinkedHashMap<>(explanation));
        alarmKinds = alarmKinds.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(alarmKinds));
        if (!alarm && !alarmKinds.isEmpty()) {
            throw new IllegalArgumentException("a step without an alarm names no alarm kinds, got " + alarmKinds);
        }
    }

    /** A step of a method with a single alarm condition (no alarm kinds). */
    public Step(long n, double statistic, Double pValue, Double eValue, double threshold, boolean alarm, boolean clear,
                Map<String, ExplanationValue> explanation) {
        this(n, statistic, pValue, eValue, threshold, alarm, clear, explanation, Set.of());
    }
}
