package io.witness.operators.ksd;

import io.witness.operators.monitor.Step;

import java.util.Map;

/** Explanation entries shared by the Stein-discrepancy window tests. */
public final class KsdGofTestExplain {

    /** How many worst-fitting events an explanation names. */
    static final int TOP_POINTS = 3;

    private KsdGofTestExplain() {
    }

    /** {@code coordinate_shares} ("0:…,1:…") and {@code top_coordinate}. */
    public static void coordinates(double[] shares, Map<String, String> why) {
        StringBuilder s = new StringBuilder();
        int top = 0;
        for (int a = 0; a < shares.length; a++) {
            s.append(a == 0 ? "" : ",").append(a).append(':').append(Step.num(shares[a]));
            if (shares[a] > shares[top]) {
                top = a;
            }
        }
        why.put("coordinate_shares", s.toString());
        why.put("top_coordinate", Integer.toString(top));
    }

    /** {@code top_events}: "age:row sum" of the largest row sums, largest first. */
    public static void points(double[] rows, int n, Map<String, String> why) {
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(rows[b], rows[a]));
        StringBuilder s = new StringBuilder();
        for (int t = 0; t < Math.min(TOP_POINTS, n); t++) {
            int i = idx[t];
            s.append(t == 0 ? "" : ",").append(n - 1 - i).append(':')
                    .append(Step.num(rows[i] / (n - 1)));
        }
        why.put("top_events", s.toString());
    }

}
