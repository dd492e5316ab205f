package io.witness.operators.hawkes;

import static org.assertj.core.api.Assertions.assertThat;

import io.witness.operators.monitor.GoldenState;
import io.witness.operators.monitor.GoldenState.Input;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.Step;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Old savepoints must restore. Hawkes states of format version 2 are golden files
 * ({@code src/test/resources/state/hawkes-*-v2.b64}) that this build must still write from the same seeded
 * events and restore into a model that continues exactly like an uninterrupted one ({@link GoldenState}).
 * One before the first refit (statistics only) and one after 32 refits, with a fitted model, residual
 * windows and three types of which the third is the {@code (other)} bucket (max-types 2, four names).
 * Version 1 files (before the edge-change tests) restore into a model whose fits, branching ratios and
 * KS p-values continue exactly as an uninterrupted one's; only its edge tests start later (their reference
 * freezes at its next refit past {@code edge-reference}).
 */
class HawkesStateCompatibilityTest {

    static final Map<String, Object> PARAMS = Map.of("bin", "1s", "support", "10s", "max-types", 2,
            "refit-interval", "1m", "half-life", "10m", "warmup-refits", 3, "edge-confirm", 2, "gof-window", 40,
            "edge-reference", "20m");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"before-refit, 50, 1", "refitted, 1110, 33"})
    void version2StateIsStillWrittenAndRestoresIntoTheSameModel(String name, int snapshotAt, long firstRefit)
            throws IOException {
        List<Step> steps = GoldenState.assertWrittenAndContinues("hawkes-" + name + "-v2.b64",
                new HawkesMethod().configure(Map.of(), 0.05, PARAMS), events(), snapshotAt);
        List<Step> refits = steps.stream().filter(Objects::nonNull).toList();
        assertThat(refits).as("refits after the snapshot").hasSizeGreaterThan(10);
        assertThat(refits.get(0).explanation().get("refit").asLong()).as("first refit after the snapshot")
                .isEqualTo(firstRefit);
        assertThat(refits.get(refits.size() - 1).explanation().get("types").asNames()).contains("api", "db")
                .endsWith("(other)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"before-refit, 50", "refitted, 1110"})
    void version1StateRestoresAndFitsLikeAnUninterruptedModel(String name, int snapshotAt) throws IOException {
        HawkesFactory f = new HawkesMethod().configure(Map.of(), 0.05, PARAMS);
        List<Input> in = events();
        Model restored = f.restore(new StateInput(GoldenState.read("hawkes-" + name + "-v1.b64")));
        Model uninterrupted = f.create();
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            Step s = uninterrupted.update(in.get(i).time(), in.get(i).type(), in.get(i).values());
            if (i >= snapshotAt) {
                Step r = restored.update(in.get(i).time(), in.get(i).type(), in.get(i).values());
                expected.add(fit(s));
                actual.add(fit(r));
            }
        }
        assertThat(expected).filteredOn(Objects::nonNull).hasSizeGreaterThan(10);
        assertThat(actual).isEqualTo(expected);
    }

    /** What a refit fitted, without the edge tests' own entries. */
    private static String fit(Step s) {
        return s == null ? null : s.n() + " " + s.statistic() + " " + s.pValue() + " " + s.explanation().get("mu") + " "
                + s.explanation().get("alpha") + " " + s.explanation().get("kernel_m") + " " + s.explanation().get("kernel_sigma");
    }

    /**
     * One hour of typed events: "api" (Poisson 0.3/s), "db" (0.1/s), and from the second minute (so that they
     * are the overflow) "cache" (0.05/s) and "queue" (0.03/s); from the 30th minute each api event triggers a
     * db event 2–4 s later with probability 0.6.
     */
    static List<Input> events() {
        SplittableRandom r = new SplittableRandom(2026);
        long origin = MonitorDriver.ORIGIN;
        List<Input> out = new ArrayList<>();
        String[] names = {"api", "db", "cache", "queue"};
        double[] rates = {0.3, 0.1, 0.05, 0.03};
        for (int d = 0; d < names.length; d++) {
            double start = d < 2 ? 0 : 60;
            for (double t = start + exp(r, rates[d]); t < 3600; t += exp(r, rates[d])) {
                long ms = origin + Math.round(t * 1000);
                out.add(new Input(ms, names[d], new double[0]));
                if (d == 0 && t > 1800 && r.nextDouble() < 0.6) {
                    out.add(new Input(ms + 2000 + r.nextInt(2000), "db", new double[0]));
                }
            }
        }
        out.sort(Comparator.comparingLong(Input::time));
        return out;
    }

    private static double exp(SplittableRandom r, double rate) {
        return -Math.log(1 - r.nextDouble()) / rate;
    }
}
