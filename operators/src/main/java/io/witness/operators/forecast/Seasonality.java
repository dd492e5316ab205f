package io.witness.operators.forecast;

/**
 * Optional calendar features appended to the shingle: (sin, cos) of the phase within a UTC day and/or
 * a week, so the forecast can depend on the time of day or week. Amplitude: half the kernel
 * bandwidth, so two instants half a period apart are one bandwidth apart (a Gaussian factor of
 * e^{-1/2}): the calendar informs the forecast without dominating the recent values.
 */
public enum Seasonality {
    NONE(0), DAILY(2), WEEKLY(2), DAILY_WEEKLY(4);

    static final long DAY_MS = 86_400_000L;
    static final long WEEK_MS = 7 * DAY_MS;

    private final int features;

    Seasonality(int features) {
        this.features = features;
    }

    public int features() {
        return features;
    }

    /** Writes this seasonality's features for time t into {@code out[off..off+features)}. */
    void write(long time, double amplitude, double[] out, int off) {
        if (this == DAILY || this == DAILY_WEEKLY) {
            double ph = 2 * Math.PI * Math.floorMod(time, DAY_MS) / DAY_MS;
            out[off++] = amplitude * Math.sin(ph);
            out[off++] = amplitude * Math.cos(ph);
        }
        if (this == WEEKLY || this == DAILY_WEEKLY) {
            double ph = 2 * Math.PI * Math.floorMod(time, WEEK_MS) / WEEK_MS;
            out[off++] = amplitude * Math.sin(ph);
            out[off] = amplitude * Math.cos(ph);
        }
    }
}
