package io.witness.operators.kernel;

import java.util.Locale;

/**
 * The kernel families Witness ships (spec kernel-tests.md §0.1), with the distance each one is a
 * function of. Knowing the distance lets the compute backends (CPU and CUDA) evaluate any kernel as
 * "distance, then profile" with one code path per distance.
 */
public enum KernelKind {
    /** {@code exp(-‖x−y‖² / (2σ²))}. */
    GAUSSIAN("gaussian", KernelDistance.SQUARED_EUCLIDEAN),
    /** {@code exp(-‖x−y‖₁ / σ)}: the L1 Laplace kernel of SKIT's {@code laplace} option with γ = 1/σ. */
    LAPLACE("laplace", KernelDistance.MANHATTAN),
    /** {@code (c² + ‖x−y‖²/σ²)^β}, −1 &lt; β &lt; 0 (Gorham–Mackey default c = 1, β = −1/2). */
    IMQ("imq", KernelDistance.SQUARED_EUCLIDEAN),
    /** Matérn ν = 3/2: {@code (1 + √3 r/σ) exp(−√3 r/σ)}, r = ‖x−y‖. */
    MATERN32("matern32", KernelDistance.SQUARED_EUCLIDEAN),
    /** Matérn ν = 5/2: {@code (1 + √5 r/σ + 5r²/(3σ²)) exp(−√5 r/σ)}, r = ‖x−y‖. */
    MATERN52("matern52", KernelDistance.SQUARED_EUCLIDEAN);

    private final String configName;
    private final KernelDistance distance;

    KernelKind(String configName, KernelDistance distance) {
        this.configName = configName;
        this.distance = distance;
    }

    /** The name used in configuration files. */
    public String configName() {
        return configName;
    }

    public KernelDistance distance() {
        return distance;
    }

    /** Parses a configuration name, case-insensitively. */
    public static KernelKind parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (KernelKind k : values()) {
            if (k.configName.equals(n)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown kernel '" + name + "'; expected one of gaussian, laplace, imq, matern32, matern52");
    }
}
