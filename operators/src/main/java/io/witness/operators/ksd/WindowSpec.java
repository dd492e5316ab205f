package io.witness.operators.ksd;

import io.witness.operators.monitor.Params;

/**
 * Count windows of a windowed test: the last {@code size} events, tested every {@code hop} events once
 * full. {@code hop = size} is a tumbling window (disjoint windows: each event is tested once, and
 * windows of an unchanged stream are independent tests at level α each); {@code hop < size} slides
 * (overlapping windows — earlier alarms, but consecutive p-values are dependent).
 * Per-window false-alarm probability is α: over W windows expect about α·W false alarms (spec §B.6).
 */
public record WindowSpec(int size, int hop) {

    public static final int MAX_SIZE = 5000;

    public WindowSpec {
        if (size < 10 || size > MAX_SIZE || hop < 1 || hop > size) {
            throw new IllegalArgumentException("window must be in [10, " + MAX_SIZE + "] and hop in [1, window], got "
                    + size + ", " + hop);
        }
    }

    /** Parameters {@code window} (default {@code dflt}) and {@code hop} (default: the window, tumbling). */
    public static WindowSpec parse(Params p, int dflt) {
        int size = p.getInt("window", dflt, 10, MAX_SIZE);
        int hop = p.getInt("hop", size, 1, size);
        return new WindowSpec(size, hop);
    }
}
