package io.witness.operators.skit.sim;

import io.witness.operators.bettors.BettorKind;
import io.witness.operators.skit.WitnessKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Power and stopping time under dependence in the setting of spec §A.5.2, fast version (50 runs per
 * row; runs stop at their first alarm, so these are cheap). Rejection ≈ 1 and mean stopping time
 * within {@link MonteCarloTolerance} of the spec's table (§A.1 point 2: power one, adaptive stopping).
 */
class SkitGaussianLinearPowerTest {

    @ParameterizedTest(name = "{0} {1} beta={2}")
    @CsvSource({
            "EXACT, ONS,     0.3, 2001",
            "EXACT, ONS,     0.5, 2002",
            "RFF,   ONS,     0.3, 2003",
            "EXACT, AGRAPA,  0.3, 2004",
            "EXACT, MIXTURE, 0.3, 2005",
    })
    void rejectsAtTheSpecsStoppingTime(WitnessKind witness, BettorKind bettor, double beta, long seed) {
        SpecRow spec = SpecTable.row(witness, bettor, beta);
        SpecComparison.assertMatches(GaussianLinearConfig.simulate(spec, 50, seed), spec);
    }
}
