package io.witness.operators.forecast.synthetic;

import java.util.SplittableRandom;

/**
 * Labelled synthetic metric series for the false-alarm and detection simulations (operators tests) and
 * the side-by-side benchmark against Random Cut Forest (benchmarks). Deterministic per seed.
 */
public final class SyntheticSeries {

    /** 2024-01-01T00:00:00Z. */
    public static final long START_MS = 1_704_067_200_000L;
    public static final long STEP_MS = 60_000L;
    private static final double MEAN = 100.0;

    private SyntheticSeries() {
    }

    /** A normal series of {@code n} points. */
    public static LabelledSeries normal(Base base, int n, long seed) {
        return generate(base, n, null, -1, seed);
    }

    /** A series with one anomaly of {@code kind} starting at index {@code start}. */
    public static LabelledSeries generate(Base base, int n, AnomalyKind kind, int start, long seed) {
        if (kind == AnomalyKind.FREQUENCY && !base.periodic()) {
            throw new IllegalArgumentException("a frequency change needs a periodic base, not " + base);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] t = new long[n];
        double[] y = new double[n];
        double innovationSd = Math.sqrt(1 - base.ar * base.ar);
        double noise = gaussian(rnd);
        double phase = 0;
        int end = kind == null ? -1 : Math.min(n, start + kind.length());
        double frozen = Double.NaN;
        for (int i = 0; i < n; i++) {
            t[i] = START_MS + i * STEP_MS;
            boolean in = kind != null && i >= start && i < end;
            noise = base.ar * noise + innovationSd * gaussian(rnd);
            double periodStep = base.periodic() ? 2 * Math.PI / base.period : 0;
            phase += in && kind == AnomalyKind.FREQUENCY ? 2 * periodStep : periodStep;
            double e = in && kind == AnomalyKind.VARIANCE ? 3 * noise : noise;
            double v = MEAN + base.amplitude * Math.sin(phase) + e;
            if (in) {
                switch (kind) {
                    case SPIKE -> v += 6;
                    case LEVEL_SHIFT -> v += 3;
                    case TREND_BREAK -> v += 5.0 * (i - start + 1) / kind.length();
                    case FLATLINE -> {
                        if (Double.isNaN(frozen)) {
                            frozen = y[i - 1];
                        }
                        v = frozen;
                    }
                    default -> {
                    }
                }
            }
            y[i] = v;
        }
        String name = base.name().toLowerCase() + "-" + (kind == null ? "normal" : kind.name().toLowerCase()) + "-" + seed;
        return new LabelledSeries(name, t, y, kind, kind == null ? -1 : start, kind == null ? 0 : end - start);
    }

    /** Standard normal by Box–Muller from the seeded stream (JDK-independent). */
    static double gaussian(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
