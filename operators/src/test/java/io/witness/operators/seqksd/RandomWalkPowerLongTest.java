package io.witness.operators.seqksd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Spec §B.7.8 reproduced: 200 replications per h, n = 50, ZS_5' (substitutions in the last 5
 * positions), Barker, cyclic kernel, wild bootstrap B = 500; each rate within 3·√2 Monte Carlo
 * standard errors of the spec. Also prints the same table with insertions and deletions (ZS_5).
 */
@Tag("long")
class RandomWalkPowerLongTest {

    private static final double[] H = {0, 0.25, 0.5, 0.75, 1.0};
    private static final double[] SPEC = {0.04, 0.13, 0.58, 0.98, 1.00};
    private static final int REPS = 200;

    @Test
    void table() {
        List<String> failures = new ArrayList<>();
        StringBuilder subs = new StringBuilder("| ZS_5' (spec table) |");
        StringBuilder full = new StringBuilder("| ZS_5 with insertions/deletions |");
        StringBuilder spectrum = new StringBuilder("| ZS_5, spectrum kernel (n-grams ≤ 2) |");
        for (int i = 0; i < H.length; i++) {
            double rate = RandomWalkSimulation.rejectionRate(RandomWalkSimulation.specTest(500), H[i], REPS, 10 + i);
            double withIndels = RandomWalkSimulation.rejectionRate(RandomWalkSimulation.fullTest(500), H[i], REPS, 20 + i);
            subs.append(String.format(" %.3f (spec %.2f) |", rate, SPEC[i]));
            full.append(String.format(" %.3f |", withIndels));
            SequenceKsd spec = new SequenceKsd(new Neighbourhood(5, true, true), Balance.BARKER, new SpectrumKernel(2), 500);
            spectrum.append(String.format(" %.3f |", RandomWalkSimulation.rejectionRate(spec, H[i], REPS, 30 + i)));
            double q = Math.min(0.98, Math.max(0.02, SPEC[i]));
            double tol = 3 * Math.sqrt(2) * Math.sqrt(q * (1 - q) / REPS);
            if (Math.abs(rate - SPEC[i]) > tol) {
                failures.add("h=" + H[i] + ": " + rate + " vs " + SPEC[i] + " ± " + tol);
            }
        }
        System.out.println("| neighbourhood | h=0 | 0.25 | 0.5 | 0.75 | 1.0 |");
        System.out.println(subs);
        System.out.println(full);
        System.out.println(spectrum);
        assertThat(failures).isEmpty();
    }
}
