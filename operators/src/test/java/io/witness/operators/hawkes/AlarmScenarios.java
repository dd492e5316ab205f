package io.witness.operators.hawkes;

import io.witness.operators.hawkes.MonitorDriver.TimedStep;
import io.witness.operators.hawkes.sim.ClusterSimulator;
import io.witness.operators.hawkes.sim.Events;
import io.witness.operators.hawkes.sim.ShapeKernel;
import io.witness.operators.hawkes.sim.SimKernel;
import io.witness.operators.hawkes.sim.SimulatedProcess;
import io.witness.operators.monitor.ExplanationValue;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Simulated scenarios for the monitor's alarm tests: 2 types "api" and "db", truncated-Gaussian
 * excitation with a 5 s latency and 2 s spread; default parameters (1 s bins, 30 s support, refits every
 * minute, 30 min forgetting half-life, 10 warm-up refits).
 */
final class AlarmScenarios {

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
        return steps.stream().filter(s -> s.step().explanation().get("warm").equals(ExplanationValue.flag(true))).toList();
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
}
