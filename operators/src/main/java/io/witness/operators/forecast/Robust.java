package io.witness.operators.forecast;

import java.util.Arrays;

/** Batch robust location and scale for warm-up data (median; 1.4826·MAD with documented fallbacks). */
final class Robust {

    private Robust() {
    }

    /** Median (mean of the two middle values for an even count); sorts a copy. */
    static double median(double[] values) {
        return median(values, values.length);
    }

    static double median(double[] values, int count) {
        double[] s = Arrays.copyOf(values, count);
        Arrays.sort(s);
        int h = count / 2;
        return count % 2 == 1 ? s[h] : 0.5 * (s[h - 1] + s[h]);
    }

    /**
     * A Gaussian-consistent spread around {@code center}: 1.4826·MAD; if that is 0 (more than half the
     * values equal, e.g. a sparse counter) 1.2533·mean absolute deviation; 0 only for constant data.
     */
    static double scale(double[] values, double center) {
        double[] d = new double[values.length];
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            d[i] = Math.abs(values[i] - center);
            sum += d[i];
        }
        double mad = 1.4826 * median(d);
        if (mad > 0) {
            return mad;
        }
        return values.length == 0 ? 0 : 1.2533 * sum / values.length;
    }
}
