package io.witness.operators.skit;

import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.monitor.Step;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The deterministic check vector of spec §A.5.1: exact witness, σ = 1, burn-in 0, α = 0.05. */
class SkitCheckVectorTest {

    static final double[] X = {0.3, -1.2, 0.8, 1.5, -0.4, 0.1, 2.0, -0.9, 0.6, -1.7, 1.1, 0.2, -0.5, 1.8, -1.4, 0.9};
    static final double[] Y = {0.5, -0.7, 1.1, 1.2, -0.2, 0.4, 1.6, -1.3, 0.2, -1.1, 0.9, 0.5, -0.8, 1.4, -0.6, 0.3};

    static final double[] PAYOFF = {0.0023289331, 0.1131028333, 0.6922065569, 0.3841400483, 0.0828037537,
            0.6434177938, 0.4322698024};
    static final double[] ONS_LAMBDA = {0, 0.0051674112, 0.2528079892, 0.5, 0.5, 0.5, 0.5};
    static final double[] ONS_WEALTH = {1.0000000000, 1.0005844488, 1.1756820725, 1.4014953565, 1.4595198947,
            1.9290604300, 2.3459977155};
    static final double[] AGRAPA_LAMBDA = {0.0010000000, 0.0033289151, 0.1149605388, 0.5420018287, 0.7275207356,
            0.7747857171, 0.9000000000};
    static final double[] AGRAPA_WEALTH = {1.0000023289, 1.0003788395, 1.0799854250, 1.3048433678, 1.3834490214,
            2.0731134614, 2.8796433731};
    static final double[] MIXTURE_WEALTH = {1.0011644666, 1.0578014911, 1.4299164271, 1.7301432468, 1.8117707664,
            2.4825421815, 3.1356898500};
    static final double[] NORM_AFTER = {0.2885557987, 0.2439062180, 0.2973916193, 0.2931406988, 0.2738460653,
            0.2867122749, 0.2817574873};

    static final double TOL = 1e-9;

    private static List<Step> run(String bettor) {
        MonitorFactory factory = new SkitMethod().configure(Map.of("x", 1, "y", 1), 0.05,
                Map.of("witness", "exact", "bettor", bettor, "bandwidth-x", 1.0, "bandwidth-y", 1.0));
        var monitor = factory.create();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < X.length; i++) {
            Step s = monitor.update(i, new double[]{X[i], Y[i]});
            if (i % 2 == 0 || i == 1) {
                assertThat(s).as("observation %d (held half pair or history-only first pair)", i + 1).isNull();
            } else {
                assertThat(s).as("observation %d completes bet", i + 1).isNotNull();
                steps.add(s);
            }
        }
        assertThat(steps).hasSize(7);
        return steps;
    }

    private static double num(Step s, String key) {
        return s.explanation().get(key).asDouble();
    }

    private static void assertPayoffsAndNorms(List<Step> steps) {
        for (int k = 0; k < 7; k++) {
            Step s = steps.get(k);
            assertThat(num(s, "payoff")).as("payoff of bet %d", k + 1).isCloseTo(PAYOFF[k], within(TOL));
            assertThat(num(s, "pair")).as("pair index of bet %d", k + 1).isEqualTo(k + 2.0);
            assertThat(s.n()).isEqualTo(2L * (k + 2));
            if (k > 0) {
                // the normaliser used at bet k+1 is the one after bet k
                assertThat(num(s, "witness_norm")).as("normaliser after bet %d", k).isCloseTo(NORM_AFTER[k - 1], within(TOL));
            }
            assertThat(s.alarm()).isFalse();
            assertThat(s.threshold()).isEqualTo(20.0);
        }
    }

    @Test
    void ons() {
        List<Step> steps = run("ons");
        assertPayoffsAndNorms(steps);
        double max = 1;
        for (int k = 0; k < 7; k++) {
            Step s = steps.get(k);
            assertThat(num(s, "lambda")).as("ONS λ at bet %d", k + 1).isCloseTo(ONS_LAMBDA[k], within(TOL));
            assertThat(s.eValue()).as("ONS wealth after bet %d", k + 1).isCloseTo(ONS_WEALTH[k], within(TOL));
            assertThat(s.statistic()).isCloseTo(Math.log(ONS_WEALTH[k]), within(TOL));
            max = Math.max(max, ONS_WEALTH[k]);
            assertThat(s.pValue()).isCloseTo(Math.min(1, 1 / max), within(TOL));
        }
    }

    @Test
    void agrapa() {
        List<Step> steps = run("agrapa");
        assertPayoffsAndNorms(steps);
        for (int k = 0; k < 7; k++) {
            Step s = steps.get(k);
            assertThat(num(s, "lambda")).as("aGRAPA λ at bet %d", k + 1).isCloseTo(AGRAPA_LAMBDA[k], within(TOL));
            assertThat(s.eValue()).as("aGRAPA wealth after bet %d", k + 1).isCloseTo(AGRAPA_WEALTH[k], within(TOL));
        }
    }

    @Test
    void mixture() {
        List<Step> steps = run("mixture");
        assertPayoffsAndNorms(steps);
        for (int k = 0; k < 7; k++) {
            Step s = steps.get(k);
            assertThat(s.eValue()).as("mixture wealth after bet %d", k + 1).isCloseTo(MIXTURE_WEALTH[k], within(TOL));
        }
        // first bet: every component at wealth 1, so the effective fraction is the grid mean 0.5
        assertThat(num(steps.get(0), "lambda")).isCloseTo(0.5, within(1e-15));
    }

    /** The witness alone: normalisers after each ingest, including the last one (after bet 7). */
    @Test
    void witnessNormalisers() {
        ExactHsicWitness w = new ExactHsicWitness(1.0, 1.0, 1, 1, 1000);
        w.ingest(new double[]{X[0]}, new double[]{Y[0]}, new double[]{X[1]}, new double[]{Y[1]});
        for (int k = 0; k < 7; k++) {
            int i = 2 * (k + 1);
            double[] x1 = {X[i]};
            double[] y1 = {Y[i]};
            double[] x2 = {X[i + 1]};
            double[] y2 = {Y[i + 1]};
            assertThat(w.payoff(x1, y1, x2, y2)).isCloseTo(PAYOFF[k], within(TOL));
            w.ingest(x1, y1, x2, y2);
            assertThat(w.norm()).as("normaliser after bet %d", k + 1).isCloseTo(NORM_AFTER[k], within(TOL));
        }
    }

    /** The payoff of bet 1 is only right with the +1e-6 on the very first normaliser. */
    @Test
    void firstNormaliserCarriesTheReferenceOffset() {
        ExactHsicWitness w = new ExactHsicWitness(1.0, 1.0, 1, 1, 1000);
        w.ingest(new double[]{X[0]}, new double[]{Y[0]}, new double[]{X[1]}, new double[]{Y[1]});
        double k = Math.exp(-0.5 * (X[0] - X[1]) * (X[0] - X[1]));
        double l = Math.exp(-0.5 * (Y[0] - Y[1]) * (Y[0] - Y[1]));
        // n = 2: K = [[1,k],[k,1]], L likewise ⇒ ‖ĝ‖² = (2+2kl)/4 + (2+2k)(2+2l)/16 − 2·2(1+k)(1+l)/8
        double sq = (2 + 2 * k * l) / 4 + (2 + 2 * k) * (2 + 2 * l) / 16 - 2 * 2 * (1 + k) * (1 + l) / 8;
        assertThat(w.norm()).isCloseTo(Math.sqrt(sq) + 1e-6, within(1e-15));
    }

    @Test
    void zeroWitnessGivesZeroPayoff() {
        // identical points: the witness is exactly 0 (norm 1e-6 from the offset only, then < 1e-12 after)
        ExactHsicWitness w = new ExactHsicWitness(1.0, 1.0, 1, 1, 1000);
        double[] z = {0.0};
        w.ingest(z, z, z, z);
        w.ingest(z, z, z, z);
        assertThat(w.norm()).isLessThan(HsicWitness.MIN_NORM);
        assertThat(w.payoff(new double[]{1}, new double[]{2}, new double[]{-1}, new double[]{0})).isZero();
    }
}
