package io.witness.operators.nplm;

import static org.assertj.core.api.Assertions.assertThat;

import io.witness.operators.compute.Precision;
import io.witness.operators.compute.cpu.CpuBackend;
import io.witness.operators.monitor.Step;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Inputs the method was not made for must not crash it: a constant reference (σ and scale fall back
 * to 1, duplicated centres are handled by the Cholesky jitter), a window of another constant, repeated
 * values; and non-finite statistics are mapped to finite ones.
 */
class NplmDegenerateInputTest {

    private static final CpuBackend CPU = new CpuBackend(1, Precision.DOUBLE, false);

    @AfterAll
    static void close() {
        CPU.close();
    }

    @Test
    void constantReferenceAndWindows() {
        NplmFactory f = NplmMethod.with(2, 0.05, Map.of("window", 20, "reference-size", 60, "null-toys", 20));
        NplmModel m = f.create();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 60 + 40; i++) {
            double[] v = i < 60 + 20 ? new double[] {3.0, -1.0} : new double[] {4.0, -1.0};
            Step s = m.update(i, v, CPU, null);
            if (s != null) {
                steps.add(s);
            }
        }
        assertThat(steps).hasSize(2);
        for (Step s : steps) {
            assertThat(Double.isFinite(s.statistic())).isTrue();
            assertThat(s.pValue()).isBetween(0.0, 1.0);
        }
        assertThat(steps.get(0).alarm()).isFalse();
        assertThat(steps.get(1).alarm()).isTrue();
        assertThat(steps.get(1).explanation().get("dominant_field").asText()).isEqualTo("x[0]");
        assertThat(m.lastScore()).isBetween(0.0, 1.0);
    }

    @Test
    void nonFiniteStatisticsBecomeFinite() {
        assertThat(NplmFitter.finite(Double.NaN)).isEqualTo(-Double.MAX_VALUE);
        assertThat(NplmFitter.finite(Double.NEGATIVE_INFINITY)).isEqualTo(-Double.MAX_VALUE);
        assertThat(NplmFitter.finite(Double.POSITIVE_INFINITY)).isEqualTo(Double.MAX_VALUE);
        assertThat(NplmFitter.finite(3.5)).isEqualTo(3.5);
        NplmNullCalibration c = NplmNullCalibration.of(new double[] {1, 2, 3, -Double.MAX_VALUE, 5}, 0.05);
        assertThat(c.pValue(Double.MAX_VALUE)).isLessThanOrEqualTo(1.0 / 6);
        assertThat(c.pValue(-Double.MAX_VALUE)).isGreaterThan(0.5);
    }
}
