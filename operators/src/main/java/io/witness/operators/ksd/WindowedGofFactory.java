package io.witness.operators.ksd;

import io.witness.operators.monitor.StateShape;
import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.monitor.MonitorMethod;
import io.witness.operators.monitor.SplitMix64;

import java.io.DataInput;
import java.io.IOException;
import java.util.List;

/**
 * A configured windowed goodness-of-fit monitor ({@code ksd}, {@code pksd}): the model source, the
 * window, the test and the seed, shared by every key. Immutable and thread-safe (a shared model is
 * immutable; tests keep no state).
 */
public final class WindowedGofFactory implements MonitorFactory {

    private final String method;
    private final double alpha;
    private final ModelSpec model;
    private final WindowSpec window;
    private final GofTest test;
    private final long seed;
    private final Calibration calibration;
    private final int nullDraws;
    /** The reference-file model's {@link FittedNull}, computed on first use (deterministic, so any thread may). */
    private volatile FittedNull sharedNull;

    /** A monitor calibrated by the test's own bootstrap. */
    public WindowedGofFactory(String method, double alpha, ModelSpec model, WindowSpec window, GofTest test, long seed) {
        this(method, alpha, model, window, test, seed, Calibration.BOOTSTRAP, 0);
    }

    /**
     * @param calibration how p-values are computed ({@link Calibration})
     * @param nullDraws   B of the {@code refit} calibration ({@link FittedNull})
     */
    public WindowedGofFactory(String method, double alpha, ModelSpec model, WindowSpec window, GofTest test, long seed,
                              Calibration calibration, int nullDraws) {
        MonitorMethod.requireAlpha(alpha);
        if (calibration == Calibration.REFIT && !model.fitted()) {
            throw new IllegalArgumentException("the refit calibration needs a fitted model");
        }
        this.method = method;
        this.alpha = alpha;
        this.model = model;
        this.window = window;
        this.test = test;
        this.seed = seed;
        this.calibration = calibration;
        this.nullDraws = nullDraws;
    }

    public Calibration calibration() {
        return calibration;
    }

    public int nullDraws() {
        return nullDraws;
    }

    /** The per-key or shared fitted model's null table, simulated from a seed of its own. */
    FittedNull simulateNull(ScoreModel fitted) {
        return FittedNull.simulate((GaussianMixtureModel) fitted, model.referenceEvents(), window.size(), test, nullDraws,
                SplitMix64.nth(seed, -2));
    }

    /** The shared fitted model's null table (the refit calibration of a reference-file model). */
    FittedNull sharedNull() {
        FittedNull n = sharedNull;
        if (n == null) {
            n = simulateNull(model.shared());
            sharedNull = n;
        }
        return n;
    }

    /**
     * A windowed goodness-of-fit state: the window of raw events and, for a model fitted per key, the
     * reference buffer or the fitted model ({@link ModelSpec#shape}). Kernel, bootstrap and hop only steer.
     */
    @Override
    public StateShape stateShape() {
        StateShape.Builder b = StateShape.of(method(), roles()).integer("window", window.size());
        model.shape(b);
        return b.build();
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public List<Role> roles() {
        return List.of(new Role("x", model.dimension()));
    }

    public double alpha() {
        return alpha;
    }

    public ModelSpec model() {
        return model;
    }

    public WindowSpec window() {
        return window;
    }

    public GofTest test() {
        return test;
    }

    public long seed() {
        return seed;
    }

    @Override
    public WindowedGofModel create() {
        return new WindowedGofModel(this);
    }

    @Override
    public WindowedGofModel restore(DataInput in) throws IOException {
        WindowedGofModel m = new WindowedGofModel(this);
        m.readState(in);
        return m;
    }

    /** Largest per-key state: the reference buffer while fitting, or the model (and its null table) plus a full window. */
    public int maxStateBytes() {
        int d = model.dimension();
        int fitting = model.shared() == null ? 4 + 8 * (model.referenceSize() - 1) * d : 0;
        int table = model.shared() == null && calibration == Calibration.REFIT ? 4 + 8 * nullDraws : 0;
        int testing = (model.shared() == null ? model.fittedBytes() + table : 0) + 4 + 8 * window.size() * d;
        return WindowedGofModel.BASE_BYTES + Math.max(fitting, testing);
    }
}
