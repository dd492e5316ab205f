package io.witness.operators.skit.sim;

import io.witness.operators.kernel.GaussianSampler;

import java.util.SplittableRandom;

/**
 * A generator of one simulated stream of (x, y) observations, 1-D each, for the SKIT Monte Carlo.
 * One instance is one run: it owns its random source, so runs with different seeds are independent
 * and a run is reproducible from its seed alone.
 */
public interface PairedStream {

    /** Writes observation number {@code index} (0-based) into {@code out = {x, y}}. */
    void next(long index, double[] out);

    /** Makes the stream of one run from that run's seed. */
    @FunctionalInterface
    interface Source {
        PairedStream open(long seed);
    }

    /** Standard normals for the streams; {@link GaussianSampler} so the draws do not depend on the JDK. */
    static GaussianSampler normals(long seed) {
        return new GaussianSampler(new SplittableRandom(seed));
    }
}
