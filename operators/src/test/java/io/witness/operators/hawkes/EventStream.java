package io.witness.operators.hawkes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Test helper: merges per-type event times into one time-ordered stream and feeds the statistics. */
final class EventStream {
    private EventStream() {
    }

    /** One event: time and type. */
    record Event(double time, int type) {
    }

    static List<Event> merge(double[][] byType) {
        List<Event> all = new ArrayList<>();
        for (int d = 0; d < byType.length; d++) {
            for (double t : byType[d]) {
                all.add(new Event(t, d));
            }
        }
        all.sort(Comparator.comparingDouble(Event::time).thenComparingInt(Event::type));
        return all;
    }

    /** Bin of a time: round half to even, as numpy's {@code round} in the reference code. */
    static long bin(double t, double delta) {
        return (long) Math.rint(t / delta);
    }

    /**
     * Feeds the merged stream in time order. {@code originBin} (if not null) is counted as the first
     * bin of the record, as the batch reference does when the record starts at time 0.
     */
    static void feedSorted(HawkesSufficientStats s, double[][] byType, double delta, Long originBin) {
        for (Event e : merge(byType)) {
            s.add(e.type(), bin(e.time(), delta));
        }
        if (originBin != null) {
            s.extendStart(originBin);
        }
    }
}
