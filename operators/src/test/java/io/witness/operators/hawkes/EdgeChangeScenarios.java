package io.witness.operators.hawkes;

import io.witness.operators.hawkes.MonitorDriver.TimedStep;
import io.witness.operators.hawkes.sim.Events;

import java.util.List;
import java.util.Map;

import static io.witness.operators.hawkes.AlarmScenarios.HOUR;
import static io.witness.operators.hawkes.AlarmScenarios.run;
import static io.witness.operators.hawkes.AlarmScenarios.simulate;
import static io.witness.operators.hawkes.AlarmScenarios.warm;

/**
 * The edge-change alarms (issue 14 part 5) on simulated two-type processes ("api", "db"; default
 * monitor parameters, α = 0.01): stable processes whose true edges sit at a level v (0.1, 0.2 = the
 * default {@code edge-threshold}, 0.3) on api→api, api→db and db→db, and a new api→db edge of 0.45 that
 * appears halfway.
 */
final class EdgeChangeScenarios {

    private EdgeChangeScenarios() {
    }

    /** Stable: api→api = api→db = db→db = v, 6 h. */
    static double[][] stable(double v) {
        return new double[][]{{v, 0}, {v, v}};
    }

    /** Refits with a new-edge or vanished-edge alarm over one stable run. */
    static long edgeAlarms(double v, long seed) {
        List<TimedStep> steps = warm(run(simulate(new double[]{0.2, 0.1}, stable(v), 6 * HOUR, seed), Map.of()));
        long n = steps.stream().filter(s -> s.has("new-edge") || s.has("vanished-edge")).count();
        if (n > 0) {
            steps.stream().filter(s -> s.has("new-edge") || s.has("vanished-edge")).limit(3).forEach(s ->
                    System.out.printf("HAWKES-EDGE stable v=%.1f seed %d: alarm at %ds new %s vanished %s reference %s alpha %s%n", v, seed,
                            (s.time() - MonitorDriver.ORIGIN) / 1000, s.step().explanation().get("new_edges"),
                            s.step().explanation().get("vanished_edges"), s.step().explanation().get("edge_reference"),
                            s.step().explanation().get("alpha")));
        }
        return n;
    }

    /**
     * api→api 0.3 and db→db 0.2 for 3 h, then api→db = 0.45 for 3 h: seconds from the change to the first
     * new-edge alarm naming api→db (−1: none), and whether any edge alarm came before the change.
     */
    static long[] appearingEdge(long seed) {
        double[] mu = {0.2, 0.1};
        Events before = simulate(mu, new double[][]{{0.3, 0}, {0, 0.2}}, 3 * HOUR, seed);
        Events after = simulate(mu, new double[][]{{0.3, 0}, {0.45, 0.2}}, 3 * HOUR, seed + 1000);
        List<TimedStep> steps = warm(run(MonitorDriver.concat(before, after, 3 * HOUR), Map.of()));
        long change = MonitorDriver.millis(3 * HOUR);
        long early = steps.stream().filter(s -> s.time() < change && (s.has("new-edge") || s.has("vanished-edge"))).count();
        long delay = steps.stream().filter(s -> s.time() >= change && s.has("new-edge")
                        && s.step().explanation().get("new_edges").asNames().contains("api->db"))
                .mapToLong(s -> (s.time() - change) / 1000).min().orElse(-1);
        return new long[]{delay, early};
    }
}
