package io.witness.operators.ksd;

import io.witness.operators.monitor.ExplanationValue;

import static io.witness.operators.monitor.ExplanationValue.integer;
import static io.witness.operators.monitor.ExplanationValue.matrix;
import static io.witness.operators.monitor.ExplanationValue.vector;

import java.util.Map;

/** Explanation entries shared by the Stein-discrepancy window tests. */
public final class KsdGofTestExplain {

    /** How many worst-fitting events an explanation names. */
    static final int TOP_POINTS = 3;

    private KsdGofTestExplain() {
    }

    /** {@code coordinate_shares} (entry a: coordinate a's share of the statistic) and {@code top_coordinate}. */
    public static void coordinates(double[] shares, Map<String, ExplanationValue> why) {
        int top = 0;
        for (int a = 0; a < shares.length; a++) {
            if (shares[a] > shares[top]) {
                top = a;
            }
        }
        why.put("coordinate_shares", vector(shares));
        why.put("top_coordinate", integer(top));
    }

    /** {@code top_events}: rows {@code [age, row sum / (n − 1)]} of the largest row sums, largest first. */
    public static void points(double[] rows, int n, Map<String, ExplanationValue> why) {
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(rows[b], rows[a]));
        double[][] top = new double[Math.min(TOP_POINTS, n)][];
        for (int t = 0; t < top.length; t++) {
            int i = idx[t];
            top[t] = new double[] {n - 1 - i, rows[i] / (n - 1)};
        }
        why.put("top_events", matrix(top));
    }

}
