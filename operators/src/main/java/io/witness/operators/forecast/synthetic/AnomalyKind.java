package io.witness.operators.forecast.synthetic;

/**
 * Injected anomalies, in units of the noise's standard deviation (1). Magnitudes are "clearly visible
 * on a chart" rather than borderline, the same for every detector compared.
 */
public enum AnomalyKind {
    /** One point +6. */
    SPIKE(1),
    /** +3 for the window, then back. */
    LEVEL_SHIFT(400),
    /** Noise × 3 for the window. */
    VARIANCE(300),
    /** The periodic part runs at twice its frequency for the window (periodic bases only). */
    FREQUENCY(300),
    /** The value stays at its last normal value for the window. */
    FLATLINE(200),
    /** A slope of +5 over the window (a trend that starts), then back. */
    TREND_BREAK(300);

    private final int length;

    AnomalyKind(int length) {
        this.length = length;
    }

    /** Points the anomaly lasts. */
    public int length() {
        return length;
    }
}
