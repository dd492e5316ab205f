package io.witness.operators.forecast;

import io.witness.operators.forecast.synthetic.AnomalyKind;
import io.witness.operators.forecast.synthetic.Base;
import io.witness.operators.forecast.synthetic.LabelledSeries;
import io.witness.operators.forecast.synthetic.SyntheticSeries;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The score ranks: on series with one injected anomaly (the {@link ForecastDetectionTest} kinds, 5 seeds
 * each, 4,000 points, the anomaly at 3,000), the anomalous rows' scores exceed the normal rows' — AUC,
 * the probability that a random anomalous row outscores a random normal one (ties count ½), per kind and
 * pooled — and almost no row ties at the largest score (a plateau would make thresholds and sorting
 * useless: with score = 1 − p, every p below 1.1·10⁻¹⁶ was 1.0).
 */
class ForecastScoreRankingTest {

    record Kind(Base base, AnomalyKind kind) {
    }

    static final List<Kind> KINDS = List.of(new Kind(Base.IID, AnomalyKind.SPIKE), new Kind(Base.IID, AnomalyKind.LEVEL_SHIFT),
            new Kind(Base.IID, AnomalyKind.VARIANCE), new Kind(Base.IID, AnomalyKind.FLATLINE),
            new Kind(Base.IID, AnomalyKind.TREND_BREAK), new Kind(Base.AR1, AnomalyKind.SPIKE),
            new Kind(Base.AR1, AnomalyKind.LEVEL_SHIFT), new Kind(Base.AR1, AnomalyKind.VARIANCE),
            new Kind(Base.AR1, AnomalyKind.FLATLINE), new Kind(Base.CYCLE, AnomalyKind.FREQUENCY),
            new Kind(Base.DAILY, AnomalyKind.SPIKE), new Kind(Base.DAILY, AnomalyKind.LEVEL_SHIFT),
            new Kind(Base.DAILY, AnomalyKind.VARIANCE), new Kind(Base.DAILY, AnomalyKind.FLATLINE));

    @Test
    void anomalousRowsOutscoreNormalRowsAndFewRowsTieAtTheTop() {
        ForecastFactory f = ForecastMethod.defaults();
        List<Double> allAnomalous = new ArrayList<>();
        List<Double> allNormal = new ArrayList<>();
        double worst = 1;
        for (Kind k : KINDS) {
            List<Double> anomalous = new ArrayList<>();
            List<Double> normal = new ArrayList<>();
            for (int s = 0; s < 5; s++) {
                LabelledSeries ls = SyntheticSeries.generate(k.base(), 4000, k.kind(), 3000, 900 + s);
                ForecastModel m = f.create();
                for (int i = 0; i < ls.size(); i++) {
                    m.observe(ls.times()[i], ls.values()[i]);
                    double score = m.lastScore();
                    if (Double.isNaN(score)) {
                        continue;
                    }
                    assertThat(score).isBetween(0.0, 1.0);
                    if (ls.anomalous(i)) {
                        anomalous.add(score);
                    } else if (i < ls.start() || i >= ls.start() + ls.length() + ForecastSimulation.SETTLE) {
                        normal.add(score);
                    }
                }
            }
            double auc = auc(anomalous, normal);
            worst = Math.min(worst, auc);
            System.out.printf(Locale.ROOT, "score %s %s: AUC %.3f (%d anomalous, %d normal rows)%n", k.base(), k.kind(),
                    auc, anomalous.size(), normal.size());
            allAnomalous.addAll(anomalous);
            allNormal.addAll(normal);
        }
        double pooled = auc(allAnomalous, allNormal);
        List<Double> all = new ArrayList<>(allAnomalous);
        all.addAll(allNormal);
        double max = all.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        long atMax = all.stream().filter(v -> v == max).count();
        double tieFraction = (double) atMax / all.size();
        System.out.printf(Locale.ROOT, "score pooled: AUC %.3f, worst kind %.3f, %d of %d rows (%.5f) at the maximum %s%n",
                pooled, worst, atMax, all.size(), tieFraction, max);
        assertThat(pooled).as("pooled AUC").isGreaterThanOrEqualTo(0.85);
        assertThat(tieFraction).as("rows tied at the maximum score").isLessThanOrEqualTo(0.001);
    }

    /** Mann–Whitney AUC, ties ½: from the mid-ranks of all scores. */
    static double auc(List<Double> positive, List<Double> negative) {
        int n = positive.size() + negative.size();
        double[][] v = new double[n][];
        int k = 0;
        for (double p : positive) {
            v[k++] = new double[] {p, 1};
        }
        for (double q : negative) {
            v[k++] = new double[] {q, 0};
        }
        Arrays.sort(v, (a, b) -> Double.compare(a[0], b[0]));
        double rankSum = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            double positives = 0;
            while (j < n && v[j][0] == v[i][0]) {
                positives += v[j][1];
                j++;
            }
            rankSum += positives * (i + 1 + j) / 2.0;   // mid-rank of the tie group (ranks i+1..j)
            i = j;
        }
        double np = positive.size();
        return (rankSum - np * (np + 1) / 2) / (np * negative.size());
    }
}
