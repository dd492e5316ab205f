package io.witness.operators.forecast;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Online kernel regression on an ALD dictionary (spec §D): AOGD-ALD ({@link AogdAld}) or NONS-ALD
 * ({@link NonsAld}). One round is {@link #predict(double[])} then, optionally, {@link #learn(double)}
 * for the same input; the ALD quantities of that input are computed once, in {@code predict}.
 * Skipping {@code learn} (the forecaster does while an incident is open) leaves the model as it was.
 *
 * <p>Over the cap the dictionary is frozen and every round makes the projected update of the
 * non-adding branch (spec §D.3 "streaming variant", §F item 6): memory stays O(cap²).
 */
abstract class AldRegressor {

    final AldDictionary dict;
    /** ALD threshold ν on δ (the spec's α²), relative to k(x,x). */
    final double threshold;

    // round scratch (not state)
    final double[] x;
    final double[] kRow;
    final double[] l;
    double delta;
    double prediction;

    AldRegressor(AldDictionary dict, double threshold) {
        this.dict = dict;
        this.threshold = threshold * dict.kernel().diagonal();
        this.x = new double[dict.dim()];
        this.kRow = new double[dict.capacity() + 1];
        this.l = new double[dict.capacity() + 1];
    }

    /** The prediction f(x); also prepares the round's ALD quantities for {@link #learn}. */
    final double predict(double[] input) {
        System.arraycopy(input, 0, x, 0, x.length);
        dict.kernelRow(x, kRow);
        delta = dict.forward(kRow, l);
        prediction = predictPrepared();
        return prediction;
    }

    /** True when this round's input would join the dictionary (ALD test fails and there is room). */
    final boolean adds() {
        return dict.size() == 0 || (delta > threshold && !dict.full());
    }

    /** f(x) from the prepared kernel row / features. */
    abstract double predictPrepared();

    /** The update with target y for the input of the last {@link #predict}. */
    abstract void learn(double y);

    int dictionarySize() {
        return dict.size();
    }

    abstract int stateBytes();

    abstract void write(DataOutput out) throws IOException;

    abstract void read(DataInput in) throws IOException;
}
