package io.witness.operators.nplm;

import static org.assertj.core.api.Assertions.assertThat;

import io.witness.operators.compute.Precision;
import io.witness.operators.compute.cpu.CpuBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Spec kernel-tests.md §C.8.2 at full size: the scaled 1-D exponential toy, N_R = 20 000, N(0) = 2 000,
 * M = 300, λ = 1e−6, σ = 0.28, one Newton step (CG to NPLM's tolerance), 300 null toys and 100 per
 * signal. Null median, mean, 95 % quantile and χ² dof; per signal median t, power at α = 0.05 and Z of
 * the median, each within Monte Carlo error of the spec's table ({@link ToyTable}).
 */
@Tag("long")
class NplmToyLongTest {

    static final int NULL_TOYS = 300;
    static final int SIGNAL_TOYS = 100;
    private static final CpuBackend CPU = new CpuBackend(2, Precision.DOUBLE);

    @AfterAll
    static void close() {
        CPU.close();
    }

    @Test
    void specTableWithinMonteCarloError() {
        ExponentialToy toy = ExponentialToy.spec();
        long t0 = System.nanoTime();
        double[] nul = ToyTable.sorted(toy.ts(CPU, ExponentialToy.Signal.NONE, NULL_TOYS, 100_000));
        NplmNullCalibration cal = NplmNullCalibration.of(nul, NplmNullCalibration.DEFAULT_FIT_LEVEL);
        double median = cal.median();
        double mean = ToyTable.mean(nul);
        double q95 = nul[(int) Math.ceil(0.95 * NULL_TOYS) - 1];
        double[] q95range = ToyTable.quantileRange(nul, 0.95, ToyTable.SPEC_NULL_TOYS);
        System.out.printf("NPLM-TOY null: toys %d, median %.2f [spec 6.88 ± %.2f], mean %.2f [7.45 ± %.2f], "
                        + "dof %.1f [7.6 ± %.1f], KS %.3f [0.044] (p_KS %.2f), q95 %.2f [13.97 in %.2f..%.2f], %.0f s%n",
                NULL_TOYS, median, ToyTable.medianTolerance(NULL_TOYS), mean,
                ToyTable.meanTolerance(ToyTable.sd(nul), NULL_TOYS, ToyTable.SPEC_NULL_TOYS), cal.dof(),
                ToyTable.dofTolerance(NULL_TOYS), cal.ksDistance(), cal.ksPValue(), q95, q95range[0], q95range[1],
                (System.nanoTime() - t0) / 1e9);
        assertThat(Math.abs(median - 6.88)).isLessThanOrEqualTo(ToyTable.medianTolerance(NULL_TOYS));
        assertThat(Math.abs(mean - 7.45))
                .isLessThanOrEqualTo(ToyTable.meanTolerance(ToyTable.sd(nul), NULL_TOYS, ToyTable.SPEC_NULL_TOYS));
        assertThat(Math.abs(cal.dof() - 7.6)).isLessThanOrEqualTo(ToyTable.dofTolerance(NULL_TOYS));
        assertThat(13.97).isBetween(q95range[0], q95range[1]);
        assertThat(cal.chiSquared()).isTrue();

        check(toy, ExponentialToy.Signal.S1, cal.dof(), 18.8, 2.23, 0.70);
        check(toy, ExponentialToy.Signal.S2, cal.dof(), 23.8, 2.90, 0.82);
        check(toy, ExponentialToy.Signal.S3, cal.dof(), 29.3, 3.53, 0.90);
    }

    private static void check(ExponentialToy toy, ExponentialToy.Signal s, double dof, double specMedian, double specZ,
                              double specPower) {
        long t0 = System.nanoTime();
        double[] t = ToyTable.sorted(toy.ts(CPU, s, SIGNAL_TOYS, 200_000 + 10_000L * s.ordinal()));
        double median = ChiSquaredDofFit.median(t);
        double tol = ToyTable.signalMedianTolerance(ToyTable.sd(t), SIGNAL_TOYS);
        double power = ToyTable.power(t, dof, 0.05);
        double pz = ToyTable.proportionZ(power, SIGNAL_TOYS, specPower, ToyTable.SPEC_SIGNAL_TOYS);
        double z = ToyTable.z(median, dof);
        double dofTol = ToyTable.dofTolerance(NULL_TOYS);
        // Z of the median, propagated over the median's and the dof's tolerances (Z falls as ν grows)
        double zLo = ToyTable.z(median - tol, dof + dofTol);
        double zHi = ToyTable.z(median + tol, Math.max(0.1, dof - dofTol));
        System.out.printf("NPLM-TOY %s: toys %d, median t %.1f [spec %.1f ± %.1f], Z(χ²) %.2f [spec %.2f in %.2f..%.2f], "
                        + "power %.2f [spec %.2f, z %.2f], %.0f s%n", s, SIGNAL_TOYS, median, specMedian, tol, z, specZ, zLo,
                zHi, power, specPower, pz, (System.nanoTime() - t0) / 1e9);
        assertThat(Math.abs(median - specMedian)).as("%s median", s).isLessThanOrEqualTo(tol);
        assertThat(specZ).as("%s Z", s).isBetween(zLo, zHi);
        assertThat(Math.abs(pz)).as("%s power", s).isLessThanOrEqualTo(3.0);
    }
}
