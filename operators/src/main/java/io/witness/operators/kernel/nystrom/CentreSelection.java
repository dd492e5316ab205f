package io.witness.operators.kernel.nystrom;

import java.util.Locale;

/** How Nyström centres are chosen among the input points (see {@link NystromCentres}). */
public enum CentreSelection {
    /** Uniformly without replacement: cheapest, O(M). */
    UNIFORM("uniform"),
    /** Target kernel thinning (KT-SPLIT + KT-SWAP, unique points), spec online-methods.md §E.2: O(n²). */
    KERNEL_THINNING("kernel-thinning"),
    /** Sampled without replacement with probability ∝ approximate ridge leverage scores: O(n·p²). */
    LEVERAGE("leverage");

    private final String configName;

    CentreSelection(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static CentreSelection parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (CentreSelection c : values()) {
            if (c.configName.equals(n)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown centre selection '" + name
                + "'; expected one of uniform, kernel-thinning, leverage");
    }
}
