package io.witness.operators.forecast;

import io.witness.operators.kernel.GaussianKernel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Spec §D.5 check values [repro]: online MSE (prediction before the update) and dictionary size of
 * AOGD-ALD and NONS-ALD on Friedman #1, T = 2000, α = 5/√T, mean of 3 seeds. Our data come from our own
 * generator (not numpy's) and the min–max rescaling makes var(y) sample-dependent (ours 0.133, the
 * spec's 0.124), so the MSE is compared relative to var(y): MSE/var(y) within 8 % of the spec's
 * ratio; the basis count within 15 %.
 */
class RegressorCheckValuesTest {

    static final int T = 2000;

    static final double SPEC_VAR_Y = 0.124;

    record Result(double mse, double basis, double relative) {
    }

    static void check(Result r, double specMse, double specBasis) {
        double specRelative = specMse / SPEC_VAR_Y;
        assertThat(r.relative()).isCloseTo(specRelative, within(0.08 * specRelative));
        assertThat(r.basis()).isCloseTo(specBasis, within(0.15 * specBasis + 1));
    }

    static Result run(boolean nons, double sigma, int t, int seeds) {
        double mse = 0;
        double basis = 0;
        double relative = 0;
        double alpha = 5 / Math.sqrt(t);
        for (int s = 0; s < seeds; s++) {
            Friedman1 data = new Friedman1(t, 1000 + s);
            AldDictionary dict = new AldDictionary(new GaussianKernel(sigma), 10, t);
            AldRegressor r = nons ? new NonsAld(dict, alpha * alpha, 1.0, 1.0, 1.0 / 8)
                    : new AogdAld(dict, alpha * alpha, 2.0);
            double err = 0;
            for (int i = 0; i < t; i++) {
                double p = r.predict(data.x[i]);
                err += (p - data.y[i]) * (p - data.y[i]);
                r.learn(data.y[i]);
            }
            mse += err / t;
            relative += err / t / variance(data.y);
            basis += r.dictionarySize();
        }
        return new Result(mse / seeds, basis / seeds, relative / seeds);
    }

    static double variance(double[] y) {
        double m = 0;
        for (double v : y) {
            m += v;
        }
        m /= y.length;
        double s = 0;
        for (double v : y) {
            s += (v - m) * (v - m);
        }
        return s / y.length;
    }

    @Test
    void aogdSigma2() {
        Result r = run(false, 2, T, 3);
        check(r, 0.0449, 78);
    }

    @Test
    void aogdSigma4() {
        Result r = run(false, 4, T, 3);
        check(r, 0.0741, 14);
    }

    @Test
    void nonsSigma2() {
        Result r = run(true, 2, T, 3);
        check(r, 0.0376, 78);
    }

    @Test
    void nonsSigma4() {
        Result r = run(true, 4, T, 3);
        check(r, 0.0415, 14);
    }

}
