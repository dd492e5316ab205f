package io.witness.benchmarks.forecast;

/** One per-series detector in the side-by-side run: consume a point, say whether it is in alarm. */
interface Detector {
    boolean alarm(long time, double value);

    /** Serialised state of this series now, in bytes (measured, not estimated). */
    long stateBytes();
}
