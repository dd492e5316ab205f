package io.witness.operators.ksd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Spec §B.4.2, reproduced: 150 replications, B = 500, α = 0.05, the four quadratic-time rows × {null,
 * GVD, Laplace} × n ∈ {100, 300}. Each cell must agree with the spec within Monte Carlo error of the
 * difference of two estimates: {@code 3·√2·√(q(1−q)/150) + 0.01}, q = p clamped to [0.02, 0.98]. Prints the table.
 */
@Tag("long")
class KsdLevelPowerLongTest {

    private static final int REPS = 150;
    private static final int B = 500;

    private static final double[][] SPEC = {
        {0.087, 0.053, 0.31, 0.94, 0.38, 0.96},
        {0.067, 0.053, 0.25, 0.96, 0.32, 0.98},
        {0.093, 0.047, 0.42, 1.00, 0.15, 0.31},
        {0.067, 0.067, 0.38, 0.99, 0.17, 0.31}};
    private static final String[] ROWS = {"IMQ U + multinomial", "IMQ nV + wild", "Gaussian(median) U + multinomial",
        "Gaussian(median) nV + wild"};

    @Test
    void table() {
        KsdTest[] tests = {KsdSimulation.imqU(B), KsdSimulation.imqV(B), KsdSimulation.gaussU(B), KsdSimulation.gaussV(B)};
        KsdSimulation.Law[] laws = {KsdSimulation.Law.NULL, KsdSimulation.Law.GVD, KsdSimulation.Law.LAPLACE};
        int[] ns = {100, 300};
        List<String> failures = new ArrayList<>();
        System.out.println("| test | null n=100 | null n=300 | GVD n=100 | GVD n=300 | Laplace n=100 | Laplace n=300 |");
        for (int t = 0; t < tests.length; t++) {
            StringBuilder line = new StringBuilder("| " + ROWS[t] + " |");
            int col = 0;
            for (KsdSimulation.Law law : laws) {
                for (int n : ns) {
                    double rate = KsdSimulation.rejectionRate(tests[t], law, n, REPS, 0.05, 1000L * t + 10L * col + n);
                    double spec = SPEC[t][col];
                    double q = Math.min(0.98, Math.max(0.02, spec));   // a rate of 0 or 1 still has MC error
                    double tol = 3 * Math.sqrt(2) * Math.sqrt(q * (1 - q) / REPS) + 0.01;
                    line.append(String.format(" %.3f (spec %.3f) |", rate, spec));
                    if (Math.abs(rate - spec) > tol) {
                        failures.add(ROWS[t] + " " + law + " n=" + n + ": " + rate + " vs spec " + spec + " ± " + tol);
                    }
                    col++;
                }
            }
            System.out.println(line);
        }
        assertThat(failures).isEmpty();
    }
}
