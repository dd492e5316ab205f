package io.witness.operators.bandit;

import java.util.Locale;

/** The decision policies a bandit can run (spec online-methods.md §B, §C.1). */
public enum PolicyKind {
    /** GP-UCB (Srinivas et al. 2010): λ = noise variance, β_t = 2 ln(|D| t² π² / (6δ)). */
    GP_UCB("gp-ucb"),
    /** IGP-UCB (Chowdhury &amp; Gopalan 2017): λ = 1 + 2/T, β_t = B + R √(2(γ_{t−1} + 1 + ln(1/δ))). */
    IGP_UCB("igp-ucb"),
    /** BPE-Delay (Vakili et al. 2023): batched pure exploration and elimination over a fixed action set. */
    BPE_DELAY("bpe-delay"),
    /** Jointly differentially private explore-then-exploit on random features (our design after §C.1). */
    JDP("jdp");

    private final String configName;

    PolicyKind(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static PolicyKind parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (PolicyKind k : values()) {
            if (k.configName.equals(n)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown policy '" + name + "' (known: gp-ucb, igp-ucb, bpe-delay, jdp)");
    }
}
