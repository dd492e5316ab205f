package io.witness.operators.forecast.synthetic;

import java.util.SplittableRandom;

/**
 * Normal series of the shapes real monitoring produces and Gaussian-like simulations do not: heavy
 * tails, strong autocorrelation, non-stationarity, counts, quantisation, flatlines, calendar cycles with
 * drift, gaps. None holds an anomaly: every alarm on them is a false alarm. Deterministic per seed, at
 * one-minute steps from {@link SyntheticSeries#START_MS} (except {@link #GAPS}).
 */
public enum TortureSeries {
    /** iid Student t, 2 degrees of freedom (infinite variance), around 100. */
    STUDENT_T2,
    /** iid Student t, 3 degrees of freedom (infinite fourth moment), around 100. */
    STUDENT_T3,
    /** AR(1), φ = 0.95, unit stationary sd. */
    AR1_095,
    /** AR(1), φ = 0.99, unit stationary sd. */
    AR1_099,
    /** A random walk with N(0, 1) steps (no noise on top). */
    RANDOM_WALK,
    /** iid N(0, σ²) with σ switching between 1 and 2 after exponential stretches of mean 2,000 points. */
    VARIANCE_REGIMES,
    /**
     * Integer counts, mostly zeros: 70 % zeros, else Poisson(2); bursts (entered with probability 1/500
     * per point, mean length 20) of Poisson(8).
     */
    BURSTY_COUNTS,
    /** AR(1) φ = 0.5 noise of sd 0.7 rounded to integers: five or so levels. */
    QUANTISED,
    /** Constant for stretches of mean 500 points, broken by noisy stretches (N(0, 1)) of mean 100. */
    FLATLINE_BREAKS,
    /**
     * A daily cycle (amplitude 5) plus a weekly one (amplitude 3, 1,440 and 10,080 one-minute points) at
     * a random phase, a drift of +1 per 5,000 points, AR(1) φ = 0.5 noise of unit sd.
     */
    SEASONAL_DRIFT,
    /**
     * AR(1) φ = 0.5 noise on irregular time: steps of 1 minute ±10 s jitter, and every ~300 points (on
     * average) a gap of 2 to 200 intervals.
     */
    GAPS;

    private static final double MEAN = 100.0;

    /** A series of {@code n} points. */
    public LabelledSeries generate(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (ordinal() + 1)));
        long[] t = new long[n];
        double[] y = new double[n];
        long time = SyntheticSeries.START_MS;
        double state = 0;
        boolean flag = false;
        int phase = r.nextInt(10_080);
        for (int i = 0; i < n; i++) {
            double e = SyntheticSeries.gaussian(r);
            y[i] = switch (this) {
                case STUDENT_T2 -> MEAN + studentT(r, e, 2);
                case STUDENT_T3 -> MEAN + studentT(r, e, 3);
                case AR1_095 -> MEAN + (state = 0.95 * state + Math.sqrt(1 - 0.95 * 0.95) * e);
                case AR1_099 -> MEAN + (state = 0.99 * state + Math.sqrt(1 - 0.99 * 0.99) * e);
                case RANDOM_WALK -> MEAN + (state += e);
                case VARIANCE_REGIMES -> {
                    if (r.nextDouble() < 1.0 / 2000) {
                        flag = !flag;
                    }
                    yield MEAN + (flag ? 2 : 1) * e;
                }
                case BURSTY_COUNTS -> {
                    flag = flag ? r.nextDouble() >= 1.0 / 20 : r.nextDouble() < 1.0 / 500;
                    yield flag ? poisson(r, 8) : r.nextDouble() < 0.7 ? 0 : poisson(r, 2);
                }
                case QUANTISED -> Math.rint(MEAN + 0.7 * (state = 0.5 * state + Math.sqrt(0.75) * e));
                case FLATLINE_BREAKS -> {
                    flag = flag ? r.nextDouble() >= 1.0 / 100 : r.nextDouble() < 1.0 / 500;
                    yield flag ? MEAN + e : MEAN;
                }
                case SEASONAL_DRIFT -> MEAN + 5 * Math.sin(2 * Math.PI * (i + phase) / 1440.0)
                        + 3 * Math.sin(2 * Math.PI * (i + phase) / 10_080.0) + i / 5000.0
                        + (state = 0.5 * state + Math.sqrt(0.75) * e);
                case GAPS -> MEAN + (state = 0.5 * state + Math.sqrt(0.75) * e);
            };
            t[i] = time;
            long step = SyntheticSeries.STEP_MS;
            if (this == GAPS) {
                step += r.nextLong(-10_000, 10_001);
                if (r.nextDouble() < 1.0 / 300) {
                    step += SyntheticSeries.STEP_MS * r.nextLong(1, 200);
                }
            }
            time += step;
        }
        return new LabelledSeries(name().toLowerCase() + "-" + seed, t, y, null, -1, 0);
    }

    /** Student t with ν degrees of freedom from the normal {@code z} and ν more normals. */
    private static double studentT(SplittableRandom r, double z, int nu) {
        double c = 0;
        for (int k = 0; k < nu; k++) {
            double q = SyntheticSeries.gaussian(r);
            c += q * q;
        }
        return z / Math.sqrt(c / nu);
    }

    /** Poisson by multiplication of uniforms (small means only). */
    public static int poisson(SplittableRandom r, double mean) {
        double limit = Math.exp(-mean);
        double prod = r.nextDouble();
        int k = 0;
        while (prod > limit) {
            k++;
            prod *= r.nextDouble();
        }
        return k;
    }
}
