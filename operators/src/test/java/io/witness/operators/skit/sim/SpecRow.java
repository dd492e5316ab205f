package io.witness.operators.skit.sim;

import io.witness.operators.bettors.BettorKind;
import io.witness.operators.skit.WitnessKind;

/**
 * One row of the Monte Carlo table of spec §A.5.2 (Gaussian linear model, α = 0.05, 1 000 pairs).
 *
 * @param witness           exact kernel or RFF (the spec's: D = 64 per side)
 * @param bettor            betting strategy
 * @param beta              dependence strength in Y = βX + ε
 * @param runs              number of runs the spec used
 * @param rejectionRate     the spec's rejection rate
 * @param meanStoppingPairs the spec's mean stopping time in pairs, capped at 1 000
 * @param medianStoppingPairs the spec's median, NaN where the spec gives none
 */
public record SpecRow(WitnessKind witness, BettorKind bettor, double beta, int runs, double rejectionRate,
                      double meanStoppingPairs, double medianStoppingPairs) {

    public String label() {
        return String.format(java.util.Locale.ROOT, "%s %s beta=%.2f",
                witness.name().toLowerCase(java.util.Locale.ROOT), bettor.name().toLowerCase(java.util.Locale.ROOT), beta);
    }
}
