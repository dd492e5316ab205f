package io.witness.operators.hawkes;

import static org.assertj.core.api.Assertions.assertThat;

import io.witness.operators.monitor.GoldenState;
import io.witness.operators.monitor.GoldenState.Input;
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
 * Old savepoints must restore: Hawkes states of format version 1 are golden files
 * ({@code src/test/resources/state/hawkes-*-v1.b64}) that this build must still write from the same seeded
 * events and restore into a model that continues exactly like an uninterrupted one ({@link GoldenState}).
 * One before the first refit (statistics only) and one after 32 refits, with a fitted model, residual
 * windows, a new edge half confirmed and three types of which the third is the {@code (other)} bucket
 * (max-types 2, four names).
 */
class HawkesStateCompatibilityTest {

    static final Map<String, Object> PARAMS = Map.of("bin", "1s", "support", "10s", "max-types", 2,
            "refit-interval", "1m", "half-life", "10m", "warmup-refits", 3, "edge-confirm", 2, "gof-window", 40);

    @ParameterizedTest(name = "{0}")
    @CsvSource({"before-refit, 50, 1, ''", "refitted, 1110, 33, 'new-edge,poor-fit'"})
    void version1StateIsStillWrittenAndRestoresIntoTheSameModel(String name, int snapshotAt, long firstRefit,
                                                                String firstAlarms) throws IOException {
        List<Step> steps = GoldenState.assertWrittenAndContinues("hawkes-" + name + "-v1.b64",
                new HawkesMethod().configure(Map.of(), 0.05, PARAMS), events(), snapshotAt);
        List<Step> refits = steps.stream().filter(Objects::nonNull).toList();
        assertThat(refits).as("refits after the snapshot").hasSizeGreaterThan(10);
        assertThat(Long.parseLong(refits.get(0).explanation().get("refit"))).as("first refit after the snapshot")
                .isEqualTo(firstRefit);
        // refitted: the snapshot holds api->db's first confirmation (edge-confirm 2), the next refit reports it
        assertThat(refits.get(0).explanation().get("alarms")).isEqualTo(firstAlarms);
        assertThat(refits.get(refits.size() - 1).explanation().get("types")).contains("\"api\"", "\"db\"")
                .endsWith(",\"(other)\"]");
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
