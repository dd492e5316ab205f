package io.witness.operators.monitor;

/**
 * Implemented by a {@link Model} that scores every observation, not only decision steps (e.g.
 * {@code kernel-forecast}; later NPLM's witness f(x)). {@code witness replay --scores} writes these two
 * values next to each input row, whatever the method, so every per-event scorer comes out the same way.
 */
public interface PerEventScore {

    /**
     * Anomaly score in [0, 1] of the observation just passed to {@link Model#update}, or NaN when it
     * was not scored (warm-up, refilling after a gap, skipped as out of order).
     */
    double lastScore();

    /**
     * The same observation's surprise, −log10 of its p-value (0 = not surprising; larger = stronger
     * evidence, without the score's compression), or NaN when it was not scored or the method has no
     * p-value per event.
     */
    default double lastSurprise() {
        return Double.NaN;
    }

    /** Whether that observation is inside an alarm (an open incident). */
    boolean lastAlarm();
}
