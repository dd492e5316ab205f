package io.witness.operators.hawkes;

import io.witness.operators.hawkes.MonitorDriver.TimedStep;
import io.witness.operators.hawkes.sim.ClusterSimulator;
import io.witness.operators.hawkes.sim.Events;
import io.witness.operators.hawkes.sim.ShapeKernel;
import io.witness.operators.hawkes.sim.SimKernel;
import io.witness.operators.hawkes.sim.SimulatedProcess;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitor's alarms on simulated processes (2 types "api" and "db", truncated-Gaussian excitation
 * with a 5 s latency and 2 s spread; default parameters: 1 s bins, 30 s support, refits every minute,
 * 30 min forgetting half-life, 10 warm-up refits).
 */
class HawkesMonitorAlarmsTest {
    static final SimKernel LATENCY = new ShapeKernel(KernelFamily.TRUNCATED_GAUSSIAN, 30, 5, 2);
    static final double HOUR = 3600;

    static Events simulate(double[] mu, double[][] gamma, double horizon, long seed) {
        return ClusterSimulator.simulate(new SimulatedProcess(mu, gamma, SimulatedProcess.uniform(2, LATENCY)),
                horizon, 600, seed);
    }

    static List<TimedStep> run(Events ev, Map<String, Object> params) {
        return MonitorDriver.run(MonitorDriver.monitor(0.01, params), ev, "api", "db");
    }

    static List<TimedStep> warm(List<TimedStep> steps) {
        return steps.stream().filter(s -> s.step().explanation().get("warm").equals("true")).toList();
    }

    @Test
    void stableProcessRaisesNoBranchingAlarm() {
        stableRuns(1, 1);
    }

    /** ρ = 0.5: api excites itself (0.5) and db (0.3); db excites itself (0.2). */
    static void stableRuns(long firstSeed, long lastSeed) {
        for (long seed = firstSeed; seed <= lastSeed; seed++) {
            List<TimedStep> steps = run(simulate(new double[]{0.1, 0.1}, new double[][]{{0.5, 0}, {0.3, 0.2}}, 6 * HOUR, seed), Map.of());
            double maxRho = steps.stream().mapToDouble(s -> s.step().statistic()).max().orElseThrow();
            Map<String, Long> kinds = new java.util.TreeMap<>();
            for (TimedStep s : warm(steps)) {
                for (String k : s.alarms().split(",")) {
                    if (!k.isEmpty()) {
                        kinds.merge(k, 1L, Long::sum);
                    }
                }
            }
            System.out.printf("HAWKES-ALARM stable ρ=0.5 seed %d: %d refits, max fitted ρ %.3f, alarming refits by kind %s%n",
                    seed, steps.size(), maxRho, kinds);
            assertThat(steps).hasSizeGreaterThan(300);
            assertThat(steps).noneMatch(s -> s.has("branching"));
        }
    }

    @Test
    void nearCriticalProcessRaisesTheBranchingAlarm() {
        // ρ = 0.97 (api's self-excitation)
        List<TimedStep> steps = warm(run(simulate(new double[]{0.03, 0.05}, new double[][]{{0.97, 0}, {0.2, 0.1}}, 2 * HOUR, 7), Map.of()));
        long alarming = steps.stream().filter(s -> s.has("branching")).count();
        double meanRho = steps.stream().mapToDouble(s -> s.step().statistic()).average().orElseThrow();
        System.out.printf("HAWKES-ALARM near-critical ρ=0.97: %d of %d warm refits alarm, mean fitted ρ %.3f%n",
                alarming, steps.size(), meanRho);
        assertThat(alarming).isGreaterThan(steps.size() / 2);
    }

    @Test
    void anExcitationEdgeThatAppearsPartwayIsReported() {
        double[] mu = {0.2, 0.1};
        Events before = simulate(mu, new double[][]{{0.3, 0}, {0, 0}}, 3 * HOUR, 11);
        Events after = simulate(mu, new double[][]{{0.3, 0}, {0.6, 0}}, 3 * HOUR, 12);
        List<TimedStep> steps = warm(run(MonitorDriver.concat(before, after, 3 * HOUR), Map.of()));
        long change = MonitorDriver.millis(3 * HOUR);
        List<TimedStep> edgeAlarms = steps.stream().filter(s -> s.has("new-edge")).toList();
        System.out.println("HAWKES-ALARM new edge at " + change + ": " + edgeAlarms.stream()
                .map(s -> (s.time() - change) / 1000 + "s " + s.step().explanation().get("new_edges")).toList());
        assertThat(edgeAlarms).anyMatch(s -> s.time() > change && s.step().explanation().get("new_edges").equals("[\"api->db\"]"));
        assertThat(edgeAlarms).noneMatch(s -> s.step().explanation().get("new_edges").contains("api->db") && s.time() < change);
        // detected within 30 minutes of the change
        assertThat(edgeAlarms.stream().filter(s -> s.time() > change).mapToLong(TimedStep::time).min().orElseThrow())
                .isLessThan(change + 30 * 60_000L);
    }

    @Test
    void aBaselineSurgeIsReported() {
        double[][] gamma = {{0.3, 0}, {0.3, 0}};
        Events before = simulate(new double[]{0.2, 0.1}, gamma, 3 * HOUR, 21);
        Events after = simulate(new double[]{0.2, 0.6}, gamma, 2 * HOUR, 22);
        List<TimedStep> steps = warm(run(MonitorDriver.concat(before, after, 3 * HOUR), Map.of()));
        long change = MonitorDriver.millis(3 * HOUR);
        List<TimedStep> surges = steps.stream().filter(s -> s.has("surge")).toList();
        System.out.println("HAWKES-ALARM surge at " + change + ": " + surges.size() + " alarming refits, first " + surges.stream().findFirst()
                .map(s -> (s.time() - change) / 1000 + "s " + s.step().explanation().get("surges") + " events "
                        + s.step().explanation().get("interval_events") + " expected "
                        + s.step().explanation().get("interval_expected")).orElse("none"));
        assertThat(surges).isNotEmpty();
        assertThat(surges).allMatch(s -> s.time() > change && s.step().explanation().get("surges").equals("[\"db\"]"));
        // the first refit after the change sees it
        assertThat(surges.get(0).time()).isLessThan(change + 2 * 60_000L);
    }

    @Test
    void regularEventsFailTheTimeRescalingTest() {
        // a clock: one "api" event every 2 s (± 50 ms) and Poisson "db" events — no Hawkes process fits it
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        int n = 3 * 1800;
        double[] t = new double[2 * n];
        int[] d = new int[2 * n];
        double db = 0;
        for (int i = 0; i < n; i++) {
            t[i] = 2.0 * i + 0.05 * (r.nextDouble() - 0.5);
            d[i] = 0;
            db += -Math.log(1 - r.nextDouble()) / 0.5;
            t[n + i] = db;
            d[n + i] = 1;
        }
        Events ev = sorted(t, d);
        List<TimedStep> steps = warm(run(ev, Map.of()));
        long tested = steps.stream().filter(s -> s.step().pValue() != null).count();
        long poor = steps.stream().filter(s -> s.has("poor-fit")).count();
        System.out.printf("HAWKES-ALARM clock: %d of %d KS windows reject%n", poor, tested);
        assertThat(tested).isGreaterThan(5);
        assertThat(poor).isEqualTo(tested);
    }

    @Test
    void aHawkesProcessRarelyFailsTheTimeRescalingTest() {
        timeRescalingLevel(31, 31);
    }

    /** Fraction of KS windows that reject on a correctly specified process (ρ = 0.4), 6 h per seed. */
    static void timeRescalingLevel(long firstSeed, long lastSeed) {
        long tested = 0;
        long poor = 0;
        for (long seed = firstSeed; seed <= lastSeed; seed++) {
            List<TimedStep> steps = warm(run(simulate(new double[]{0.2, 0.1}, new double[][]{{0.4, 0}, {0.3, 0.2}}, 6 * HOUR, seed), Map.of()));
            tested += steps.stream().filter(s -> s.step().pValue() != null).count();
            poor += steps.stream().filter(s -> s.has("poor-fit")).count();
        }
        System.out.printf("HAWKES-ALARM Hawkes ρ=0.4: %d of %d KS windows reject at α = 0.01%n", poor, tested);
        // level α = 0.01 per window; allow the binomial 99.9 % quantile of ~0.03 for estimated parameters
        assertThat(tested).isGreaterThan(40 * (lastSeed - firstSeed + 1));
        assertThat(poor).isLessThanOrEqualTo(Math.max(3, (long) Math.ceil(0.03 * tested + 3.1 * Math.sqrt(0.03 * tested))));
    }

    @Test
    void alarmsClearAfterQuietRefits() {
        double[] mu = {0.2, 0.1};
        Events before = simulate(mu, new double[][]{{0.3, 0}, {0, 0}}, 2 * HOUR, 41);
        Events after = simulate(mu, new double[][]{{0.3, 0}, {0.6, 0}}, 3 * HOUR, 42);
        List<TimedStep> steps = warm(run(MonitorDriver.concat(before, after, 2 * HOUR), Map.of("resolve-after", 5)));
        int firstAlarm = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).step().alarm()) {
                firstAlarm = i;
                break;
            }
        }
        assertThat(firstAlarm).isNotNegative();
        // the first clear comes exactly 5 quiet refits after the last alarm before it
        int lastAlarm = firstAlarm;
        for (int i = firstAlarm + 1; i < steps.size(); i++) {
            if (steps.get(i).step().alarm()) {
                lastAlarm = i;
            } else if (steps.get(i).step().clear()) {
                assertThat(i - lastAlarm).isEqualTo(5);
                return;
            }
        }
        throw new AssertionError("no clear after the alarm");
    }

    static Events sorted(double[] t, int[] d) {
        Integer[] idx = new Integer[t.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(t[a], t[b]));
        double[] ts = new double[t.length];
        int[] ds = new int[t.length];
        for (int i = 0; i < idx.length; i++) {
            ts[i] = t[idx[i]];
            ds[i] = d[idx[i]];
        }
        return new Events(ts, ds);
    }
}
