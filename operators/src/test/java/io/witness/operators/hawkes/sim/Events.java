package io.witness.operators.hawkes.sim;

import java.util.Arrays;

/** Simulated events in time order: {@code times[n]}, {@code types[n]}. */
public record Events(double[] times, int[] types) {

    public int size() {
        return times.length;
    }

    /** The event times of one type, in order. */
    public double[] ofType(int d) {
        return Arrays.stream(indices(d)).mapToDouble(n -> times[n]).toArray();
    }

    private int[] indices(int d) {
        return java.util.stream.IntStream.range(0, types.length).filter(n -> types[n] == d).toArray();
    }

    public int count(int d) {
        return indices(d).length;
    }
}
