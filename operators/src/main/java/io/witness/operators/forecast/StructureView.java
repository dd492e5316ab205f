package io.witness.operators.forecast;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The structure view: has the series' rhythm across one shingle changed?
 *
 * <p>Why: a change that keeps the series just as predictable one step ahead — a cycle that runs twice
 * as fast, an oscillation that starts or stops at the same amplitude — leaves the residuals as they
 * were, because the regression learns the new shape within a few dozen points. What does change is
 * how a value relates to the one a shingle earlier. This view tracks the lag-{@code shingle}
 * correlation of the de-levelled values x (value minus the drift view's fast level, in spreads):
 * {@code r = EW(x_t·x_{t−m}) / EW((x_t² + x_{t−m}²)/2)} over {@code long-horizon} points, which lies in
 * [−1, 1] whatever the scale (so it says nothing about variance, the scale view's job) and is 1 for a
 * flat series. Lag m is the widest span the forecaster sees: the slowest rhythm it can tell.
 *
 * <p>Null: r's mean and variance depend on the series (a cycle of period P gives about cos(2πm/P)), so
 * both are learnt by an {@link EmpiricalNull} (centred, long memory). Floor: the sampling variance of a
 * correlation from the horizon's (2−λ)/λ pairs, {@code (1 − μ²)²·λ/(2−λ)}, the least r varies by.
 *
 * <p>State: {@value #BYTES} bytes.
 */
final class StructureView {

    /** Below this mean square (in spreads²) the series is flat to rounding: r is taken as its mean. */
    static final double DEGENERATE = 1e-12;

    private final double lambda;
    private final double pairFactor;
    private final EmpiricalNull nul;

    // ---- state ----
    private double cross;
    private double square;

    // ---- last point (not state) ----
    double r;
    double z;
    double p = 1.0;
    /** log10 p without underflow (for the surprise). */
    double log10p;

    StructureView(int horizon, int memory) {
        this.lambda = 1.0 / horizon;
        this.pairFactor = lambda / (2 - lambda);
        this.nul = new EmpiricalNull(memory, true);
    }

    /** Forgets the running correlation and the null. */
    void start() {
        cross = 0;
        square = 0;
        nul.reset();
    }

    /** Scores the pair (x_t, x_{t−m}); returns p. */
    double score(double x, double lagged) {
        cross += lambda * (x * lagged - cross);
        square += lambda * (0.5 * (x * x + lagged * lagged) - square);
        double mu = nul.mean();
        r = square > DEGENERATE ? cross / square : mu;
        double floor = (1 - mu * mu) * (1 - mu * mu) * pairFactor;
        z = nul.z(r, floor);
        p = nul.p(r, floor);
        log10p = nul.log10P(r, floor);
        return p;
    }

    /**
     * A normal point: the null learns the last r. (Unlike the drift view, no gate on r itself: a change
     * of rhythm is abrupt, and r's skewed null would be cut unevenly.)
     */
    void absorb() {
        nul.absorb(r);
    }

    static final int BYTES = 2 * 8 + EmpiricalNull.BYTES;

    void write(DataOutput out) throws IOException {
        out.writeDouble(cross);
        out.writeDouble(square);
        nul.write(out);
    }

    void read(DataInput in) throws IOException {
        cross = in.readDouble();
        square = in.readDouble();
        nul.read(in);
    }
}
