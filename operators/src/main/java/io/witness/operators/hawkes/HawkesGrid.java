package io.witness.operators.hawkes;

/**
 * The FaDIn grid (spec §A.3): step {@code delta} and kernel support {@code W = L·delta}, in the time unit
 * of the fit (seconds in the monitor). Kernels are evaluated at {@code τ·delta}, {@code τ = 1..L}
 * (not at the reference code's {@code linspace(0, W, L)}, pitfall §F.3).
 */
public record HawkesGrid(double delta, int support) {

    /** Most support bins accepted: refits cost O(p³L²) (spec §A.6: keep L ≲ 100–200). */
    public static final int MAX_SUPPORT_BINS = 400;

    public HawkesGrid {
        if (!(delta > 0) || !Double.isFinite(delta)) {
            throw new IllegalArgumentException("grid step must be > 0, got " + delta);
        }
        if (support < 1 || support > MAX_SUPPORT_BINS) {
            throw new IllegalArgumentException("kernel support must be 1.." + MAX_SUPPORT_BINS + " bins, got " + support);
        }
    }

    /** A grid with {@code L = round(w / delta)}. */
    public static HawkesGrid of(double delta, double w) {
        return new HawkesGrid(delta, (int) Math.round(w / delta));
    }

    /** Support length W = L·Δ. */
    public double w() {
        return support * delta;
    }
}
