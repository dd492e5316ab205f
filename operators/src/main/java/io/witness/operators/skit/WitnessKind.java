package io.witness.operators.skit;

/**
 * Configuration values of the {@code witness} parameter. {@link #code} is what a state stores:
 * never change a kind's code.
 */
public enum WitnessKind {
    /** Random Fourier features, tensor form: O(D²) per pair, flat in stream length (§A.4.2). Default. */
    RFF(0),
    /** Exact Gaussian kernel with history capped at {@code max-history} points (§A.2.7, §A.4.1). */
    EXACT(1),
    /** Random Fourier features, joint frequencies: O(J·(dx+dy)) per pair, state linear in J (§A.4.2b). */
    JOINT(2);

    private final int code;

    WitnessKind(int code) {
        this.code = code;
    }

    /** The byte a state stores for this kind. */
    public int code() {
        return code;
    }

    /** The kind a state's byte names, or null for a byte no kind has. */
    public static WitnessKind ofCode(int code) {
        for (WitnessKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        return null;
    }

    /** True for the kinds whose history is random-feature running means. */
    public boolean randomFeatures() {
        return this != EXACT;
    }
}
