package io.witness.operators.skit.sim;

import org.junit.jupiter.api.Test;

import static io.witness.operators.bettors.BettorKind.ONS;
import static io.witness.operators.skit.WitnessKind.EXACT;
import static io.witness.operators.skit.WitnessKind.RFF;

/**
 * Level under the null (β = 0) in the setting of spec §A.5.2, fast version: fewer runs than the
 * spec's table (the full table is {@link SkitSpecTableLongTest}). Checks Ville's bound (§A.1 point 1)
 * and closeness to the spec's measured false-alarm rates (0.007 RFF, 0.006 exact, both ONS).
 */
class SkitGaussianLinearLevelTest {

    @Test
    void rffOnsHoldsLevelUnderIndependence() {
        SpecRow spec = SpecTable.row(RFF, ONS, 0.0);
        SpecComparison.assertMatches(GaussianLinearConfig.simulate(spec, 200, 1001), spec);
    }

    @Test
    void exactOnsHoldsLevelUnderIndependence() {
        SpecRow spec = SpecTable.row(EXACT, ONS, 0.0);
        SpecComparison.assertMatches(GaussianLinearConfig.simulate(spec, 100, 1002), spec);
    }
}
