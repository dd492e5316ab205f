package io.witness.operators.seqksd;

/** A base kernel on sequences for the Zanella–Stein kernel (spec §B.7.4). */
public sealed interface BaseKernel permits SequenceKernel, SpectrumKernel {

    double value(CharSequence x, CharSequence y);
}
