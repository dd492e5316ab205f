package io.witness.operators.forecast;

/** The online kernel regression of spec §D that drives the forecast. */
public enum RegressorKind {
    /** AOGD-ALD (§D.3): O(k·d + k²) per point, state k·d + k(k+1)/2 + k doubles. */
    AOGD,
    /** NONS-ALD (§D.4): online Newton step, O(k·d + k²) per point, k(k+1)/2 more doubles of state. */
    NONS
}
