package io.witness.operators.bandit;

import io.witness.operators.monitor.SplitMix64;

import java.util.SplittableRandom;

/** Per-decision random streams: a decision's coins depend only on (seed, play number), so a replay after a restart flips the same coins. */
final class Seeds {
    private Seeds() {
    }

    static SplittableRandom forPlay(long seed, long play) {
        return new SplittableRandom(mix(seed * SplitMix64.GOLDEN_GAMMA + play));
    }

    /** SplitMix64 finaliser. */
    static long mix(long z) {
        return SplitMix64.finalise(z);
    }
}
