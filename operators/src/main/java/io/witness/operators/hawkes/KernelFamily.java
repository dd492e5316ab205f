package io.witness.operators.hawkes;

/**
 * The excitation kernel families of FaDIn (spec §A.2). Configured as {@code truncated-gaussian},
 * {@code truncated-exponential}, {@code raised-cosine} or {@code kumaraswamy}; the state stores
 * {@link #code()}, which never changes.
 */
public enum KernelFamily {
    TRUNCATED_GAUSSIAN(1, new TruncatedGaussianShape()),
    TRUNCATED_EXPONENTIAL(2, new TruncatedExponentialShape()),
    RAISED_COSINE(3, new RaisedCosineShape()),
    KUMARASWAMY(4, new KumaraswamyShape());

    private final int code;
    private final KernelShape shape;

    KernelFamily(int code, KernelShape shape) {
        this.code = code;
        this.shape = shape;
    }

    public KernelShape shape() {
        return shape;
    }

    /** Stable one-byte code used in state. */
    public int code() {
        return code;
    }

    public static KernelFamily ofCode(int code) {
        for (KernelFamily f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown kernel family code " + code);
    }

    /** The configuration spelling, e.g. {@code truncated-gaussian}. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
