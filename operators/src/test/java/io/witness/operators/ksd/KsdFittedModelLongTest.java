package io.witness.operators.ksd;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Level and power of KSD / pKSD with models fitted per key (issue 14 part 4), for the tables in
 * operators/README.md. Level: Gaussian and two-component mixture, 2-D and 4-D, windows of 200 and 500,
 * references of 500 and 4,000, 20 keys × 12 windows each, p-values read at α = 0.05 and 0.01, with 95 %
 * intervals (window rates: keys as clusters; key rates: Wilson). Asserts the cell the calibration found
 * hardest (2-D mixture, n = m = 500, 2 × 60 keys) and the issue's check (4-D mixture, m = 4,000, n = 500,
 * α = 0.01, 12 windows per key: keys alarmed ≤ 1.5 × (1 − 0.99¹²)).
 */
@Tag("long")
class KsdFittedModelLongTest {

    private static void print(FittedModelSimulation.Setup s, FittedModelSimulation.Law law, FittedModelSimulation.Rates r) {
        System.out.printf("KSD-FITTED %s %s: windows %.4f %s (alarm at the configured α) %.4f %s (p ≤ 0.01); keys %.3f %s / %.3f %s; "
                        + "%d keys × %d windows, %.2f s per key%n",
                s.label(), law, r.windowRate(), r.windowInterval(false), r.windowRate01(), r.windowInterval(true),
                r.keyRate(), r.keyInterval(false), r.keyRate01(), r.keyInterval(true), r.keys(), r.windows() / r.keys(),
                r.secondsPerKey());
    }

    @Test
    void levelTable() {
        Calibration[] calibrations = Boolean.getBoolean("ksd.bootstrap") ? Calibration.values()
                : new Calibration[]{Calibration.REFIT};
        for (ModelSpec.Family family : ModelSpec.Family.values()) {
            for (int d : new int[]{2, 4}) {
                for (int n : new int[]{200, 500}) {
                    for (int m : new int[]{500, 4000}) {
                        for (Calibration c : calibrations) {
                            var s = new FittedModelSimulation.Setup("ksd", family, d, n, m, 0.05, c,
                                    c == Calibration.REFIT ? 200 : 500);
                            print(s, FittedModelSimulation.Law.NULL, FittedModelSimulation.run(s, FittedModelSimulation.Law.NULL, 20, 12, 7));
                        }
                    }
                }
            }
        }
    }

    /** The cell that was 0.113 at α = 0.05 with 20 keys before the fit kept the best of several starts. */
    @Test
    void mixtureWithWindowAsLargeAsItsReference() {
        // B = 100 (p-values down to 1/101) to afford 60 keys; the default 200 only refines the p-values
        var s = new FittedModelSimulation.Setup("ksd", ModelSpec.Family.MIXTURE, 2, 500, 500, 0.05, Calibration.REFIT, 100);
        int windows = 0;
        int alarms = 0;
        int alarms01 = 0;
        for (long seed : new long[]{11, 13}) {
            var r = FittedModelSimulation.run(s, FittedModelSimulation.Law.NULL, 60, 12, seed);
            print(s, FittedModelSimulation.Law.NULL, r);
            windows += r.windows();
            alarms += r.windowAlarms();
            alarms01 += r.windows01();
        }
        System.out.printf("KSD-FITTED 2-D mixture n = m = 500, 120 keys: %.4f of windows at 0.05, %.4f at 0.01%n",
                (double) alarms / windows, (double) alarms01 / windows);
        assertThat((double) alarms / windows).isLessThanOrEqualTo(1.5 * 0.05);
        assertThat((double) alarms01 / windows).isLessThanOrEqualTo(1.5 * 0.01);
    }

    @Test
    void issueCheckFourDimensionalMixture() {
        var s = new FittedModelSimulation.Setup("ksd", ModelSpec.Family.MIXTURE, 4, 500, 4000, 0.01, Calibration.REFIT, 200);
        var r = FittedModelSimulation.run(s, FittedModelSimulation.Law.NULL, 60, 12, 1);
        print(s, FittedModelSimulation.Law.NULL, r);
        // 1 − 0.99¹² = 11.4 % if a key's windows were independent (sharing the fit, they alarm together
        // more often, i.e. on fewer keys); the issue's target is within 1.5 × of it: ≤ 10 of 60 keys
        assertThat(r.keyAlarms()).isLessThanOrEqualTo(10);
    }

    /**
     * The two grid cells that read 0.092 at α = 0.05 from 20 keys (keys as clusters: a wide interval), each
     * again at 60 keys on another seed: the 4-D mixture with a reference of 4,000 and windows of 500, and the
     * 4-D Gaussian with a reference of 500 and windows of 200.
     */
    @Test
    void fourDimensionalMixtureLargeReferenceAtFivePercent() {
        fiveCentCellOnSixtyKeys(new FittedModelSimulation.Setup("ksd", ModelSpec.Family.MIXTURE, 4, 500, 4000, 0.05,
                Calibration.REFIT, 200));
    }

    @Test
    void fourDimensionalGaussianSmallWindowAtFivePercent() {
        fiveCentCellOnSixtyKeys(new FittedModelSimulation.Setup("ksd", ModelSpec.Family.GAUSSIAN, 4, 200, 500, 0.05,
                Calibration.REFIT, 200));
    }

    private static void fiveCentCellOnSixtyKeys(FittedModelSimulation.Setup s) {
        var r = FittedModelSimulation.run(s, FittedModelSimulation.Law.NULL, 60, 12, 1);
        print(s, FittedModelSimulation.Law.NULL, r);
        assertThat(r.windowRate()).isLessThanOrEqualTo(1.5 * 0.05);
    }

    /** Power (windows alarmed at α = 0.05) on the §B.4.2 alternatives and a mixture-weight change. */
    @Test
    void powerTable() {
        var gvd = new FittedModelSimulation.Setup("ksd", ModelSpec.Family.GAUSSIAN, 2, 200, 500, 0.05, Calibration.REFIT, 200);
        var mix = new FittedModelSimulation.Setup("ksd", ModelSpec.Family.MIXTURE, 4, 500, 4000, 0.05, Calibration.REFIT, 200);
        var weights = new FittedModelSimulation.Setup("ksd", ModelSpec.Family.MIXTURE, 2, 200, 500, 0.05, Calibration.REFIT, 200);
        var pksd = new FittedModelSimulation.Setup("pksd", ModelSpec.Family.MIXTURE, 2, 200, 500, 0.05, Calibration.REFIT, 200);
        for (FittedModelSimulation.Law law : new FittedModelSimulation.Law[]{FittedModelSimulation.Law.GVD,
                FittedModelSimulation.Law.LAPLACE}) {
            print(gvd, law, FittedModelSimulation.run(gvd, law, 20, 6, 5));
            print(mix, law, FittedModelSimulation.run(mix, law, 8, 4, 5));
        }
        print(weights, FittedModelSimulation.Law.WEIGHTS, FittedModelSimulation.run(weights, FittedModelSimulation.Law.WEIGHTS, 20, 6, 5));
        print(pksd, FittedModelSimulation.Law.WEIGHTS, FittedModelSimulation.run(pksd, FittedModelSimulation.Law.WEIGHTS, 10, 4, 5));
    }

    /** CPU time per key of the fit (one start and the default) and of the refit table (B = 200). */
    @Test
    void costPerKey() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        GofTest test = new KsdGofTest(new KsdTest(SteinKernel.Base.IMQ, Double.NaN, KsdStatistic.V, KsdBootstrap.Kind.WILD, 100, 0));
        for (int[] c : new int[][]{{4, 500, 4000}, {2, 500, 500}}) {
            int d = c[0];
            int n = c[1];
            int m = c[2];
            java.util.SplittableRandom r = new java.util.SplittableRandom(9);
            double[] ref = new double[m * d];
            double[] x = new double[d];
            for (int i = 0; i < m; i++) {
                FittedModelSimulation.draw(ModelSpec.Family.MIXTURE, FittedModelSimulation.Law.NULL, d, r, x);
                System.arraycopy(x, 0, ref, i * d, d);
            }
            FittedNull.simulate(ModelFitting.mixture(ref, m, d, 2, 1), m, n, test, 20, 1);     // JIT warm-up
            long t0 = threads.getCurrentThreadCpuTime();
            for (int k = 0; k < 3; k++) {
                ModelFitting.mixture(ref, m, d, 2, k, 1);
            }
            long t1 = threads.getCurrentThreadCpuTime();
            GaussianMixtureModel fit = null;
            for (int k = 0; k < 3; k++) {
                fit = ModelFitting.mixture(ref, m, d, 2, k);
            }
            long t2 = threads.getCurrentThreadCpuTime();
            FittedNull table = FittedNull.simulate(fit, m, n, test, 200, 3);
            long t3 = threads.getCurrentThreadCpuTime();
            System.out.printf("KSD-FITTED cost, mixture d=%d n=%d m=%d: CPU ms fit (1 start) %.0f, fit (%d starts) %.0f, "
                    + "refit null (B = 200) %.0f%n", d, n, m, (t1 - t0) / 3e6, ModelFitting.STARTS, (t2 - t1) / 3e6, (t3 - t2) / 1e6);
            assertThat(table.draws()).isEqualTo(200);
        }
    }

    /**
     * How often the fit misses the likelihood's maximum ({@link ModelFitting#STARTS}): samples of a fitted
     * mixture (the refit null's draws), fitted from one k-means++ start and from the default starts, against
     * EM from the sample's own law (the refit).
     */
    @Test
    void fitsAgainstTheMaximum() {
        for (int[] c : new int[][]{{2, 500, 300}, {4, 4000, 60}}) {
            int d = c[0];
            int m = c[1];
            java.util.SplittableRandom r = new java.util.SplittableRandom(2);
            double[] ref = new double[m * d];
            double[] x = new double[d];
            for (int i = 0; i < m; i++) {
                FittedModelSimulation.draw(ModelSpec.Family.MIXTURE, FittedModelSimulation.Law.NULL, d, r, x);
                System.arraycopy(x, 0, ref, i * d, d);
            }
            GaussianMixtureModel fit = ModelFitting.mixture(ref, m, d, 2, r.nextLong());
            int single = 0;
            int starts = 0;
            int refitBelow = 0;
            for (int b = 0; b < c[2]; b++) {
                double[] sample = fit.sample(m, r);
                double warm = ModelFitting.logLikelihood(ModelFitting.refit(fit, sample, m, d), sample, m, d);
                long seed = r.nextLong();
                double one = ModelFitting.logLikelihood(ModelFitting.mixture(sample, m, d, 2, seed, 1), sample, m, d);
                double best = ModelFitting.logLikelihood(ModelFitting.mixture(sample, m, d, 2, seed), sample, m, d);
                single += one < warm - 1 ? 1 : 0;
                starts += best < warm - 1 ? 1 : 0;
                refitBelow += warm < best - 1 ? 1 : 0;
            }
            System.out.printf("KSD-FITTED fits of %d samples (d=%d, m=%d) ≥ 1 nat below the refit: 1 start %d, %d starts %d; "
                    + "refit below the %d starts: %d%n", c[2], d, m, single, ModelFitting.STARTS, starts, ModelFitting.STARTS, refitBelow);
            assertThat(starts).isZero();
            assertThat(refitBelow).isZero();
        }
    }
}
