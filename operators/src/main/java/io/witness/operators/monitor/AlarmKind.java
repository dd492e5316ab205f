package io.witness.operators.monitor;

import java.util.Locale;

/**
 * Which alarm condition a decision step met, for methods that alarm on more than one (Hawkes: a surge
 * of events, a branching ratio near 1, an edge of the excitation graph that appeared or vanished, a
 * poor time-rescaling fit). Methods with a single condition leave {@link Step#alarmKinds()} empty: their
 * alarm is the only kind. Metrics label values and alert messages are {@link #label()}, a closed set.
 */
public enum AlarmKind {
    SURGE,
    BRANCHING,
    NEW_EDGE,
    VANISHED_EDGE,
    POOR_FIT;

    private final String label = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The kebab-case name used in metrics, explanations and alert messages, e.g. {@code new-edge}. */
    public String label() {
        return label;
    }
}
