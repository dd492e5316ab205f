package io.witness.operators.monitor;

/**
 * The one seeded hash of the project: SplitMix64 (Steele, Lea &amp; Flood, OOPSLA 2014), the generator
 * behind {@link java.util.SplittableRandom}. Derived seeds ({@code nth}) give streams of draws that never
 * overlap; the finaliser alone spreads keys, fingerprints and salts. Outputs are part of saved state and
 * of seeded results (state fingerprints, dedupe fingerprints, bootstrap seeds): never change them.
 */
public final class SplitMix64 {

    /** The generator's increment: 2^64 / φ, odd. */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SplitMix64() {
    }

    /** The output finaliser (Stafford's variant 13): a bijection of 64-bit words with full avalanche. */
    public static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The {@code index}-th output (from 0) of the generator started at {@code seed}. */
    public static long nth(long seed, long index) {
        return finalise(seed + GOLDEN_GAMMA * (index + 1));
    }
}
