package io.witness.jobs.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.witness.schemas.Evidence;

/**
 * The recent evidence of one (monitor, key) for the live page: at most {@link LiveState#POINTS_PER_SERIES}
 * points in a ring of primitive arrays (~{@value #BYTES_PER_POINT} bytes a point). Each point is one
 * {@link LiveState#BUCKET_MILLIS} ms bucket of event time and holds the step with the strongest evidence in
 * that bucket (an alarm first, then the largest e-value, then the smallest p-value), so a burst of steps
 * keeps its peak and a threshold crossing is never averaged away.
 */
final class LiveSeries {
    static final int BYTES_PER_POINT = 8 * 6 + 1;

    final String monitor;
    final String key;
    private final int capacity;
    private final long[] time;
    private final long[] n;
    private final double[] statistic;
    private final double[] eValue;   // NaN = none
    private final double[] pValue;   // NaN = none
    private final double[] threshold;
    private final boolean[] alarm;
    private int head;                // index of the oldest point
    private int size;
    private long lastBucket = Long.MIN_VALUE;
    /** The newest step itself (not its bucket's representative): what "current" means on the page. */
    Evidence latest;

    LiveSeries(String monitor, String key, int capacity) {
        this.monitor = monitor;
        this.key = key;
        this.capacity = capacity;
        time = new long[capacity];
        n = new long[capacity];
        statistic = new double[capacity];
        eValue = new double[capacity];
        pValue = new double[capacity];
        threshold = new double[capacity];
        alarm = new boolean[capacity];
    }

    int size() {
        return size;
    }

    void add(Evidence e, long bucketMillis) {
        latest = e;
        long bucket = Math.floorDiv(e.getTime(), bucketMillis);
        if (size > 0 && bucket <= lastBucket) {
            // same bucket (or an event within the allowed lateness, older than the newest): keep the stronger
            int last = index(size - 1);
            if (stronger(e, last)) {
                put(last, e);
            }
            return;
        }
        lastBucket = bucket;
        int at;
        if (size < capacity) {
            at = index(size);
            size++;
        } else {
            at = head;
            head = (head + 1) % capacity;
        }
        put(at, e);
    }

    private boolean stronger(Evidence e, int i) {
        if (e.getAlarm() != alarm[i]) {
            return e.getAlarm();
        }
        double ev = value(e.getEValue());
        if (!Double.isNaN(ev) || !Double.isNaN(eValue[i])) {
            return Double.isNaN(eValue[i]) || ev > eValue[i];
        }
        double pv = value(e.getPValue());
        if (!Double.isNaN(pv) || !Double.isNaN(pValue[i])) {
            return Double.isNaN(pValue[i]) || pv < pValue[i];
        }
        return true;   // neither: the newer statistic
    }

    private void put(int i, Evidence e) {
        time[i] = e.getTime();
        n[i] = e.getN();
        statistic[i] = e.getStatistic();
        eValue[i] = value(e.getEValue());
        pValue[i] = value(e.getPValue());
        threshold[i] = e.getThreshold();
        alarm[i] = e.getAlarm();
    }

    private int index(int k) {
        return (head + k) % capacity;
    }

    private static double value(Double d) {
        return d == null ? Double.NaN : d;
    }

    /** Column arrays, oldest first; missing and non-finite values are JSON null. */
    void writeColumns(ObjectNode out) {
        ArrayNode t = out.putArray("t");
        ArrayNode ns = out.putArray("n");
        ArrayNode s = out.putArray("statistic");
        ArrayNode e = out.putArray("e_value");
        ArrayNode p = out.putArray("p_value");
        ArrayNode th = out.putArray("threshold");
        ArrayNode a = out.putArray("alarm");
        for (int k = 0; k < size; k++) {
            int i = index(k);
            t.add(time[i]);
            ns.add(n[i]);
            number(s, statistic[i]);
            number(e, eValue[i]);
            number(p, pValue[i]);
            number(th, threshold[i]);
            a.add(alarm[i] ? 1 : 0);
        }
    }

    static void number(ArrayNode a, double v) {
        if (Double.isFinite(v)) {
            a.add(v);
        } else {
            a.addNull();
        }
    }
}
