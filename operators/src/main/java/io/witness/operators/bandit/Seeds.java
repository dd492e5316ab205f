package io.witness.operators.bandit;

import java.util.SplittableRandom;

/** Per-decision random streams: a decision's coins depend only on (seed, play number), so a replay after a restart flips the same coins. */
final class Seeds {
    private Seeds() {
    }

    static SplittableRandom forPlay(long seed, long play) {
        return new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + play));
    }

    /** SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
