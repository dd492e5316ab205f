package io.witness.operators.ksd;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The KSD test of {@link KsdTest} as a window test, with its explanation: the bandwidth, each
 * coordinate's share of Û (which coordinates the model fits worst — the shares sum to Û), and the
 * window's worst-fitting events, by their Stein row sums {@code Σ_{j≠i} H_ij}, named by age (0 = the
 * newest event of the window).
 */
public record KsdGofTest(KsdTest test) implements GofTest {

    /** How many worst-fitting events an explanation names. */
    static final int TOP_POINTS = 3;

    @Override
    public Outcome run(double[] x, int n, ScoreModel model, SplittableRandom rng) {
        KsdTest.Result r = test.run(x, n, model, rng);
        Map<String, String> why = new LinkedHashMap<>();
        why.put("statistic_kind", test.statistic() == KsdStatistic.U ? "u" : "n*v");
        why.put("bootstrap", test.bootstrap().name().toLowerCase(java.util.Locale.ROOT));
        why.put("kernel", test.base().name().toLowerCase(java.util.Locale.ROOT));
        why.put("bandwidth", io.witness.operators.monitor.Step.num(r.bandwidth()));
        explainCoordinates(r.coordinateShares(), why);
        explainPoints(r.rowSums(), n, why);
        return new Outcome(r.statistic(), r.pValue(), why);
    }

    /** {@code coordinate_shares} ("0:…,1:…") and {@code top_coordinate}. */
    static void explainCoordinates(double[] shares, Map<String, String> why) {
        StringBuilder s = new StringBuilder();
        int top = 0;
        for (int a = 0; a < shares.length; a++) {
            s.append(a == 0 ? "" : ",").append(a).append(':').append(io.witness.operators.monitor.Step.num(shares[a]));
            if (shares[a] > shares[top]) {
                top = a;
            }
        }
        why.put("coordinate_shares", s.toString());
        why.put("top_coordinate", Integer.toString(top));
    }

    /** {@code top_events}: "age:row sum" of the largest row sums, largest first. */
    static void explainPoints(double[] rows, int n, Map<String, String> why) {
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(rows[b], rows[a]));
        StringBuilder s = new StringBuilder();
        for (int t = 0; t < Math.min(TOP_POINTS, n); t++) {
            int i = idx[t];
            s.append(t == 0 ? "" : ",").append(n - 1 - i).append(':')
                    .append(io.witness.operators.monitor.Step.num(rows[i] / (n - 1)));
        }
        why.put("top_events", s.toString());
    }

    @Override
    public String name() {
        return "ksd";
    }
}
