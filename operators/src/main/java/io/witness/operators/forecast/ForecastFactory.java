package io.witness.operators.forecast;

import io.witness.operators.monitor.StateShape;
import io.witness.operators.kernel.Kernel;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.MonitorFactory;

import java.io.DataInput;
import java.io.IOException;
import java.util.List;

/** A configured {@code kernel-forecast}: parameters plus the dictionary cap they imply. Immutable. */
public final class ForecastFactory implements MonitorFactory {

    /** Per-key state budget that sets the default dictionary cap. */
    public static final int STATE_BUDGET_BYTES = 8192;
    static final int MIN_DICTIONARY = 4;
    static final int MAX_DICTIONARY = 512;

    private final ForecastParameters params;
    private final int capacity;

    public ForecastFactory(ForecastParameters params) {
        this.params = params;
        this.capacity = params.maxDictionary() > 0 ? params.maxDictionary() : capacityFor(params, STATE_BUDGET_BYTES);
    }

    /** The largest dictionary whose state stays within {@code budget} bytes (at least {@value #MIN_DICTIONARY}). */
    static int capacityFor(ForecastParameters p, int budget) {
        int k = MIN_DICTIONARY;
        while (k < MAX_DICTIONARY && runningBytes(p, k + 1) <= budget) {
            k++;
        }
        return k;
    }

    static int runningBytes(ForecastParameters p, int k) {
        int reg = p.algorithm() == RegressorKind.AOGD ? AogdAld.bytesFor(k, p.featureDimension())
                : NonsAld.bytesFor(k, p.featureDimension());
        return ForecastModel.HEADER_BYTES + ForecastModel.RUNNING_FIXED_BYTES + 8 * p.shingle()
                + 8 * p.recalibrationPoints() + reg;
    }

    public ForecastParameters parameters() {
        return params;
    }

    /** The hard cap on the ALD dictionary. */
    public int dictionaryCapacity() {
        return capacity;
    }

    /** Upper bound of the per-key state in bytes, in any phase. */
    public int maxStateBytes() {
        return Math.max(runningBytes(params, capacity), ForecastModel.HEADER_BYTES + 4 + 16 * (params.warmUp() - 1));
    }

    /**
     * The forecaster's state: the regressor's kind and dictionary (its capacity and the feature
     * dimension of its atoms: shingle + calendar features), the warm-up buffer and the residual views'
     * horizons. The kernel and bandwidth are chosen per key at warm-up and stored with it.
     */
    @Override
    public StateShape stateShape() {
        return StateShape.of(method(), roles())
                .choice("algorithm", params.algorithm())
                .integer("shingle", params.shingle())
                .choice("seasonality", params.seasonality())
                .integer("max-dictionary", capacity)
                .integer("warm-up", params.warmUp())
                .integer("long-horizon", params.longHorizon())
                .integer("calibration-horizon", params.calibrationHorizon())
                .build();
    }

    @Override
    public String method() {
        return ForecastMethod.NAME;
    }

    @Override
    public List<Role> roles() {
        return List.of(new Role(ForecastMethod.ROLE, 1));
    }

    @Override
    public ForecastModel create() {
        return new ForecastModel(this);
    }

    @Override
    public Model restore(DataInput in) throws IOException {
        ForecastModel m = new ForecastModel(this);
        m.readState(in);
        return m;
    }

    AldRegressor newRegressor(Kernel kernel) {
        AldDictionary dict = new AldDictionary(kernel, params.featureDimension(), capacity);
        return params.algorithm() == RegressorKind.AOGD
                ? new AogdAld(dict, params.aldThreshold(), params.radius())
                : new NonsAld(dict, params.aldThreshold(), params.bound(), params.mu(), params.eta());
    }
}
