package io.witness.operators.forecast.synthetic;

/**
 * The normal behaviour of a synthetic series. Noise is AR(1) with coefficient {@code ar} and unit
 * stationary standard deviation (ar = 0: iid N(0,1)); a periodic part of amplitude {@code amplitude}
 * and period {@code period} points is added (period 0: none).
 */
public enum Base {
    /** iid N(0, 1) around 100. */
    IID(0.0, 0, 0.0),
    /** AR(1), φ = 0.8, unit stationary sd. */
    AR1(0.8, 0, 0.0),
    /** A 48-point cycle of amplitude 3 plus AR(1) φ = 0.5 noise. */
    CYCLE(0.5, 48, 3.0),
    /** A daily cycle (1,440 one-minute points) of amplitude 5 plus AR(1) φ = 0.5 noise. */
    DAILY(0.5, 1440, 5.0);

    final double ar;
    final int period;
    final double amplitude;

    Base(double ar, int period, double amplitude) {
        this.ar = ar;
        this.period = period;
        this.amplitude = amplitude;
    }

    public boolean periodic() {
        return period > 0;
    }
}
