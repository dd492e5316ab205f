package io.witness.operators.seqksd;

/**
 * A probability model on finite sequences over the symbols {@code 0..S−1}, known up to a constant
 * (only ratios between neighbours are used, spec §B.7.1). Sequences are strings whose chars are the
 * symbols. Immutable and thread-safe.
 */
public interface SequenceModel {

    int symbols();

    /** {@code log p(x)} up to a constant; {@code −∞} for impossible sequences. */
    double logProbability(CharSequence x);
}
