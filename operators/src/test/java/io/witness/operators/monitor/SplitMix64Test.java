package io.witness.operators.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

class SplitMix64Test {

    @Test
    void nthIsTheOutputOfTheJdkGenerator() {
        for (long seed : new long[] {0L, 42L, -7L, Long.MAX_VALUE}) {
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < 5; i++) {
                assertThat(SplitMix64.nth(seed, i)).as("seed %d, draw %d", seed, i).isEqualTo(r.nextLong());
            }
        }
    }

    @Test
    void finaliserIsPinned() {
        // fingerprints and derived seeds are part of saved state: these values must never change
        assertThat(SplitMix64.finalise(0L)).isZero();
        assertThat(SplitMix64.finalise(1L)).isEqualTo(0x5692161D100B05E5L);
    }
}
