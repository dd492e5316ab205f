package io.witness.operators.forecast;

import io.witness.operators.forecast.synthetic.Base;
import io.witness.operators.forecast.synthetic.SyntheticSeries;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * False alarms under the null, by simulation with fixed seeds: alarm onsets (incidents) per 10,000
 * scored points with the default false-alarm-rate 1e-4, on iid noise, AR(1) φ = 0.8, a 48-point cycle
 * and a daily cycle (each with noise). 8 series × 10,000 points per kind here; the long version runs
 * 40 × 20,000 ({@link ForecastFalseAlarmLongTest}).
 *
 * <p>Bound asserted: the configured rate holds on iid noise and the cycles (onsets ≤ the 99.9 %
 * quantile of Poisson(1e-4 · points), i.e. a measured rate consistent with ≤ 1 per 10,000); on AR(1)
 * φ = 0.8 — strongly autocorrelated, where the forecaster's residuals keep some dependence the scorer
 * only partly corrects — the documented bound is 2 per 10,000 (measured 1.12 in the long run).
 */
class ForecastFalseAlarmTest {

    static double onsetsPer10k(Base base, int series, int points, long seed0) {
        ForecastFactory f = ForecastMethod.defaults();
        long scored = 0;
        long onsets = 0;
        for (int s = 0; s < series; s++) {
            ForecastSimulation.Outcome o = ForecastSimulation.run(f, SyntheticSeries.normal(base, points, seed0 + s));
            scored += o.scoredPoints();
            onsets += o.onsetsOutside();
        }
        System.out.printf("null %s: %d onsets in %d scored points = %.2f per 10,000%n", base, onsets, scored,
                onsets * 1e4 / scored);
        return onsets * 1e4 / scored;
    }

    /** 99.9 % quantile of Poisson(mean), as a rate per 10,000 over {@code points}. */
    static double poissonUpper(double ratePer10k, long points) {
        double mean = ratePer10k * points / 1e4;
        double p = Math.exp(-mean);
        double cdf = p;
        int k = 0;
        while (cdf < 0.999) {
            k++;
            p *= mean / k;
            cdf += p;
        }
        return k * 1e4 / points;
    }

    static double documentedRate(Base base) {
        return base == Base.AR1 ? 2.0 : 1.0;
    }

    @ParameterizedTest
    @EnumSource(Base.class)
    void falseAlarmRateUnderTheNull(Base base) {
        int series = 8;
        int points = 10_000;
        double rate = onsetsPer10k(base, series, points, 9_000);
        assertThat(rate).isLessThanOrEqualTo(poissonUpper(documentedRate(base), (long) series * (points - 128)));
    }
}
