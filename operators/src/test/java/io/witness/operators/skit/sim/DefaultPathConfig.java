package io.witness.operators.skit.sim;

import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.skit.SkitMethod;

import java.util.Map;

/**
 * SKIT as a user gets it with no parameters: RFF witness (D = 64), ONS, bandwidths by the median
 * heuristic on a burn-in of 200 observations (§A.4.2 suggested defaults). Only the seed varies per run.
 */
public final class DefaultPathConfig {

    public static final int BURN_IN = 200;
    /** Pairs after the burn-in per run (2 000 observations, as in §A.5.2). */
    public static final int PAIRS = 1000;
    public static final double ALPHA = 0.05;

    private DefaultPathConfig() {
    }

    public static MonitorFactory factory(long seed) {
        return new SkitMethod().configure(Map.of("x", 1, "y", 1), ALPHA, Map.of("seed", seed));
    }

    public static SimulationSummary simulate(String label, PairedStream.Source stream, int runs, long seed) {
        return SkitSimulation.run(label, DefaultPathConfig::factory, stream, runs, PAIRS, BURN_IN, seed);
    }
}
