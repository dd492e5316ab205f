package io.witness.operators.ksd;

import java.io.DataOutput;
import java.io.IOException;

/**
 * A model density known up to a constant, {@code p(x) ∝ exp(−E(x))} on R^d (spec §B.1). The KSD tests
 * need only its score {@code s(x) = ∇ log p(x)}; pKSD's Metropolis–Hastings step and mode finding also
 * need {@code log p} up to its constant. Immutable and thread-safe.
 */
public interface ScoreModel {

    int dimension();

    /** Writes {@code ∇ log p(x)} for {@code x = in[off..off+d)} into {@code out[outOff..outOff+d)}. */
    void score(double[] in, int off, double[] out, int outOff);

    /** {@code log p(x)} up to an additive constant that is the same for every x. */
    double logDensity(double[] in, int off);

    /** Short description for explanations, e.g. {@code gaussian(d=2)}. */
    String describe();

    /** Compact encoding (see {@link ModelCodec}); the parameters only, derived data is recomputed. */
    void write(DataOutput out) throws IOException;

    /** Bytes {@link #write} writes. */
    int stateBytes();

    /** Scores of the n rows of a row-major {@code n × d} array. */
    default double[] scores(double[] points, int n) {
        int d = dimension();
        double[] s = new double[n * d];
        for (int i = 0; i < n; i++) {
            score(points, i * d, s, i * d);
        }
        return s;
    }
}
