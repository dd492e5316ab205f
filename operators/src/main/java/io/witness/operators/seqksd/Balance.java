package io.witness.operators.seqksd;

/**
 * Balancing functions κ with {@code κ(t) = t κ(1/t)} for the Zanella–Stein operator (spec §B.7.2),
 * evaluated from {@code log t} so extreme ratios neither overflow nor underflow early.
 */
public enum Balance {
    /** {@code t / (1 + t)} — the default of the reference code. */
    BARKER,
    /** {@code √t}. */
    MPF,
    /** {@code min(1, t)}. */
    MH;

    public double of(double logT) {
        return switch (this) {
            case BARKER -> logT > 0 ? 1.0 / (1.0 + Math.exp(-logT)) : Math.exp(logT) / (1.0 + Math.exp(logT));
            case MPF -> Math.exp(0.5 * logT);
            case MH -> logT >= 0 ? 1.0 : Math.exp(logT);
        };
    }
}
