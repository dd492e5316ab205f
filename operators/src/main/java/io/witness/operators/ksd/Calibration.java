package io.witness.operators.ksd;

import io.witness.operators.monitor.Params;

/**
 * How a windowed goodness-of-fit test turns its statistic into a p-value ({@code calibration}):
 * <ul>
 * <li>{@code bootstrap}: the test's own bootstrap per window (KSD: wild or multinomial; pKSD: multinomial),
 * which treats the model as known — right for a given model;</li>
 * <li>{@code refit}: the parametric bootstrap that refits ({@link FittedNull}), which accounts for a model
 * fitted on a reference; computed once per fitted model, then one statistic per window.</li>
 * </ul>
 * Default: {@code refit} for a fitted model (per key or from a reference file) with i.i.d. signs,
 * {@code bootstrap} otherwise. {@code refit} simulates i.i.d. windows, so it excludes
 * {@code wild-flip-probability > 0} (autocorrelated events).
 */
public enum Calibration {
    BOOTSTRAP,
    REFIT;

    /** Default B of the refit null: p-values down to 1/201, at a one-off cost of 200 refits and statistics. */
    public static final int DEFAULT_NULL_DRAWS = 200;

    /** {@code null-draws}: B of the refit null ({@link FittedNull}), checked against α when it is used. */
    public static int nullDraws(Params p, Calibration c, double alpha) {
        int draws = p.getInt("null-draws", DEFAULT_NULL_DRAWS, 50, 10_000);
        if (c == REFIT) {
            KsdMethod.requireDrawsForAlpha(draws, alpha);
        }
        return draws;
    }

    public static Calibration parse(Params p, ModelSpec model, double flipChance) {
        Calibration fallback = model.fitted() && flipChance == 0 ? REFIT : BOOTSTRAP;
        Calibration c = p.getEnum("calibration", Calibration.class, fallback);
        if (c == REFIT && !model.fitted()) {
            throw new IllegalArgumentException("parameter 'calibration: refit' needs a fitted model (reference-size or "
                    + "reference-file), not a given one");
        }
        if (c == REFIT && flipChance > 0) {
            throw new IllegalArgumentException("parameter 'calibration: refit' simulates independent events; it excludes "
                    + "'wild-flip-probability' > 0 (use 'calibration: bootstrap')");
        }
        return c;
    }
}
