package io.witness.jobs.bench;

import java.util.SplittableRandom;

/**
 * What one bench event carries besides its key and time, drawn the same way by the {@link BenchGenerator}
 * and by the in-process warm-ups ({@link Calibration}, {@link Prewarm}), so that what they measure and the
 * templates they make come from the generator's own stream: independent N(0, 1) values for the
 * monitor's input vector and, for point-process monitors, a type drawn uniformly from {@value #TYPES}
 * ({@code t0}, {@code t1}: the two types of the README's Hawkes state figures).
 */
final class BenchEvents {
    /** Event types of a typed monitor's stream. */
    static final int TYPES = 2;
    private static final String[] TYPE_NAMES = {"t0", "t1"};

    private BenchEvents() {
    }

    /** Fills {@code values} with independent N(0, 1) draws. */
    static void values(SplittableRandom random, double[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian();
        }
    }

    /** A type, uniform over {@value #TYPES}. */
    static String type(SplittableRandom random) {
        return TYPE_NAMES[random.nextInt(TYPES)];
    }
}
