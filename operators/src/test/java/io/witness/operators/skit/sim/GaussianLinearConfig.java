package io.witness.operators.skit.sim;

import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.bettors.BettorKind;
import io.witness.operators.skit.SkitMethod;
import io.witness.operators.skit.WitnessKind;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The SKIT configuration of spec §A.5.2 for one witness, bettor and β: the authors' notebook uses
 * RBF kernels {@code exp(−γ‖·‖²)} with γx = 1/4 and γy = 1/(4(1+β²)), i.e. with γ = 1/(2σ²) (§0.1)
 * σx² = 2 = 2·Var X and σy² = 2(1+β²) = 2·Var Y — fixed bandwidths, so burn-in 0 and the first pair is
 * history only (§A.2.1). The exact witness keeps its whole history (the reference code has no cap):
 * max-history is raised to the 2 000 points of a run. The RFF variant uses the default witness of 1-D
 * roles (tensor, D = 20 per side, float means; the spec's rows were made at D = 64, version 1's default)
 * and the same bandwidths; its frequencies are drawn from the run's seed, so the Monte Carlo also
 * averages over frequency draws. {@link SpecTableSideBySide} runs those rows at both.
 */
public final class GaussianLinearConfig {

    /** Observations per run in §A.5.2. */
    public static final int OBSERVATIONS = 2000;
    /** Pairs per run, also the cap of the stopping time. */
    public static final int PAIRS = OBSERVATIONS / 2;
    public static final double ALPHA = 0.05;

    private GaussianLinearConfig() {
    }

    public static Map<String, Object> params(WitnessKind witness, BettorKind bettor, double beta, long seed) {
        Map<String, Object> p = new HashMap<>();
        p.put("witness", witness.name().toLowerCase(Locale.ROOT));
        p.put("bettor", bettor.name().toLowerCase(Locale.ROOT));
        p.put("bandwidth-x", Math.sqrt(2.0));
        p.put("bandwidth-y", Math.sqrt(2.0 * (1.0 + beta * beta)));
        p.put("seed", seed);
        if (witness == WitnessKind.EXACT) {
            p.put("max-history", OBSERVATIONS);
        }
        return p;
    }

    public static MonitorFactory factory(WitnessKind witness, BettorKind bettor, double beta, long seed) {
        return new SkitMethod().configure(Map.of("x", 1, "y", 1), ALPHA, params(witness, bettor, beta, seed));
    }

    /** Runs the spec's setting for this row with {@code runs} runs (the spec's count or fewer). */
    public static SimulationSummary simulate(SpecRow row, int runs, long seed) {
        return SkitSimulation.run(row.label(),
                runSeed -> factory(row.witness(), row.bettor(), row.beta(), runSeed),
                PairedStreams.gaussianLinear(row.beta()), runs, PAIRS, 0, seed);
    }
}
