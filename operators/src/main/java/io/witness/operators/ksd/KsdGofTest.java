package io.witness.operators.ksd;

import io.witness.operators.monitor.ExplanationValue;
import static io.witness.operators.monitor.ExplanationValue.number;
import static io.witness.operators.monitor.ExplanationValue.text;

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

    @Override
    public Outcome run(double[] x, int n, ScoreModel model, SplittableRandom rng) {
        return outcome(test.run(x, n, model, rng), n);
    }

    @Override
    public Outcome measure(double[] x, int n, ScoreModel model, SplittableRandom rng) {
        return outcome(test.measure(x, n, model, rng), n);
    }

    @Override
    public double nullStatistic(double[] x, int n, ScoreModel refit, ScoreModel fitted, SplittableRandom rng) {
        return test.statistic(x, n, refit, rng);
    }

    private Outcome outcome(KsdTest.Result r, int n) {
        Map<String, ExplanationValue> why = new LinkedHashMap<>();
        why.put("statistic_kind", text(test.statistic() == KsdStatistic.U ? "u" : "n*v"));
        why.put("bootstrap", text(test.bootstrap().name().toLowerCase(java.util.Locale.ROOT)));
        why.put("kernel", text(test.base().name().toLowerCase(java.util.Locale.ROOT)));
        why.put("bandwidth", number(r.bandwidth()));
        KsdGofTestExplain.coordinates(r.coordinateShares(), why);
        KsdGofTestExplain.points(r.rowSums(), n, why);
        return new Outcome(r.statistic(), r.pValue(), why);
    }

    @Override
    public String name() {
        return "ksd";
    }
}
