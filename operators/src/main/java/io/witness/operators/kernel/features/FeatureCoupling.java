package io.witness.operators.kernel.features;

import java.util.Locale;

/**
 * How the projections {@code w_1..w_m} of a random feature map are drawn (spec online-methods.md §E.1).
 * Every coupling keeps each {@code w_i} marginally {@code N(0, I_d)}, so every feature map built from
 * them is an unbiased estimator of the Gaussian kernel; they differ in the joint law inside a block of
 * d projections, hence in the variance:
 */
public enum FeatureCoupling {
    /** Independent Gaussian rows: the baseline. */
    IID("iid"),
    /** ORF: {@code W = diag(ρ) R}, R Haar-orthogonal, {@code ρ_i ~ χ_d} (orthogonal directions per block). */
    ORTHOGONAL("orthogonal"),
    /** SimRF: {@code W = diag(ρ) S R}, S the unit vectors of a regular simplex ({@code s_iᵀs_j = −1/(d−1)}). */
    SIMPLEX("simplex"),
    /**
     * SimRF+: as SIMPLEX, but given the block's norms ρ the directions are pushed further apart by
     * {@value RegularSimplex#PLUS_SWEEPS} Gauss–Seidel sweeps of {@code s_i ← −normalise(Σ_{j≠i} ρ_j s_j)}
     * (weight-dependent coupling). Still unbiased: the Haar rotation R, independent of ρ, makes each
     * direction uniform on the sphere and independent of its own norm.
     */
    SIMPLEX_PLUS("simplex-plus");

    private final String configName;

    FeatureCoupling(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** Parses a configuration name, case-insensitively ({@code iid | orthogonal | simplex | simplex-plus}). */
    public static FeatureCoupling parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (FeatureCoupling c : values()) {
            if (c.configName.equals(n)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown feature coupling '" + name
                + "'; expected one of iid, orthogonal, simplex, simplex-plus");
    }
}
