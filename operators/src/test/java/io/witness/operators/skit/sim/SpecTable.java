package io.witness.operators.skit.sim;

import io.witness.operators.bettors.BettorKind;
import io.witness.operators.skit.WitnessKind;

import java.util.List;

import static io.witness.operators.bettors.BettorKind.AGRAPA;
import static io.witness.operators.bettors.BettorKind.MIXTURE;
import static io.witness.operators.bettors.BettorKind.ONS;
import static io.witness.operators.skit.WitnessKind.EXACT;
import static io.witness.operators.skit.WitnessKind.RFF;

/** The table of spec §A.5.2, verbatim (the reference implementation's Monte Carlo). */
public final class SpecTable {

    private SpecTable() {
    }

    private static final double NONE = Double.NaN;

    public static final List<SpecRow> ROWS = List.of(
            new SpecRow(EXACT, ONS, 0.00, 500, 0.006, 997, 1000),
            new SpecRow(EXACT, ONS, 0.10, 200, 0.505, 827, 983),
            new SpecRow(EXACT, ONS, 0.15, 200, 0.905, 552, 488),
            new SpecRow(EXACT, ONS, 0.20, 200, 1.000, 377, 353),
            new SpecRow(EXACT, ONS, 0.30, 200, 1.000, 227, 218),
            new SpecRow(EXACT, ONS, 0.40, 200, 1.000, 149, 144),
            new SpecRow(EXACT, ONS, 0.50, 200, 1.000, 118, 112),
            new SpecRow(EXACT, AGRAPA, 0.00, 300, 0.017, 992, 1000),
            new SpecRow(EXACT, AGRAPA, 0.20, 300, 0.997, 304, 272),
            new SpecRow(EXACT, AGRAPA, 0.30, 300, 1.000, 150, 135),
            new SpecRow(EXACT, MIXTURE, 0.00, 300, 0.027, 984, 1000),
            new SpecRow(EXACT, MIXTURE, 0.20, 300, 0.997, 275, 243),
            new SpecRow(EXACT, MIXTURE, 0.30, 300, 1.000, 149, 137),
            new SpecRow(RFF, ONS, 0.00, 300, 0.007, 998, NONE),
            new SpecRow(RFF, ONS, 0.10, 200, 0.490, 819, NONE),
            new SpecRow(RFF, ONS, 0.20, 200, 1.000, 380, NONE),
            new SpecRow(RFF, ONS, 0.30, 200, 1.000, 211, NONE));

    /** The row for a witness, bettor and β. */
    public static SpecRow row(WitnessKind witness, BettorKind bettor, double beta) {
        return ROWS.stream()
                .filter(r -> r.witness() == witness && r.bettor() == bettor && Math.abs(r.beta() - beta) < 1e-9)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no spec row for " + witness + " " + bettor + " " + beta));
    }
}
