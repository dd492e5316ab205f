package io.witness.jobs.bench;

import io.witness.jobs.config.MethodRegistry;
import io.witness.jobs.config.MonitorConfig;
import io.witness.jobs.core.BoundMonitor;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.Step;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the no-op baseline must imitate, measured in process on one key fed the generator's kind of
* data ({@link BenchEvents}; typed for point-process methods): the model's state size once it has settled, and its step pace (a step every k observations
 * after the first s). At least {@value #MIN_OBSERVATIONS} observations and {@value #MIN_STEPS} steps
 * (so a bounded history has filled), at most {@value #MAX_OBSERVATIONS}.
 *
 * @param observations   observations fed
 * @param modelBytes     the model's state bytes after them
 * @param stepEvery      observations per step once stepping (the noop's {@code step-every})
 * @param silentFor      observations before the stepping pattern starts (the noop's {@code silent-for})
 * @param steps          steps seen
 * @param settledAfter   observations after which the model is in its steady state: it steps, and its state
 *                       stays within {@value #SETTLED_SHARE_PERCENT} % of its final size (the method's
 *                       warm-up as seen from outside; {@code witness bench --warm-up steady} waits until every
 *                       key has had this many)
 */
record Calibration(long observations, int modelBytes, int stepEvery, int silentFor, long steps, long settledAfter) {
    static final int SETTLED_SHARE_PERCENT = 95;
    static final int MIN_OBSERVATIONS = 10_000;
    static final int MIN_STEPS = 64;
    static final int MAX_OBSERVATIONS = 1_000_000;

    static Calibration of(MonitorConfig monitor, long seed) {
        BoundMonitor bound = BoundMonitor.bind(monitor);
        Model model = bound.factory().create();
        int dim = bound.factory().dimension();
        boolean typed = MethodRegistry.get(monitor.method()).usesEventType();
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = new double[dim];
        long firstStep = -1;
        long lastStep = -1;
        long steps = 0;
        long n = 0;
        int[] sizes = new int[MAX_OBSERVATIONS + 1];
        while (n < MAX_OBSERVATIONS && (n < MIN_OBSERVATIONS || steps < MIN_STEPS)) {
            BenchEvents.values(random, v);
            n++;
            Step s = typed ? model.update(1_000L * n, BenchEvents.type(random), v.clone()) : model.update(1_000L * n, v.clone());
            sizes[(int) n] = model.stateBytes();
            if (s != null) {
                steps++;
                if (firstStep < 0) {
                    firstStep = n;
                }
                lastStep = n;
            }
        }
        int every = steps >= 2 ? (int) Math.max(1, Math.round((lastStep - firstStep) / (double) (steps - 1))) : 1;
        int silent = steps == 0 ? (int) Math.min(n, Integer.MAX_VALUE) : (int) Math.max(0, firstStep - every);
        int settledSize = (int) ((long) model.stateBytes() * SETTLED_SHARE_PERCENT / 100);
        long settled = n;
        while (settled > 1 && sizes[(int) settled - 1] >= settledSize) {
            settled--;
        }
        long settledAfter = Math.max(settled, Math.max(firstStep, 1));
        return new Calibration(n, model.stateBytes(), every, silent, steps, settledAfter);
    }

    /** The {@code params} of a {@code noop} monitor with the same step pace and {@code stateBytes} of model. */
    Map<String, Object> noopParams(int stateBytes) {
        Map<String, Object> p = noopParams();
        p.put("state-bytes", (long) stateBytes);
        return p;
    }

    /** The {@code params} of the matching {@code noop} monitor. */
    Map<String, Object> noopParams() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("state-bytes", (long) Math.max(modelBytes, 10));
        p.put("step-every", (long) stepEvery);
        p.put("silent-for", (long) silentFor);
        return p;
    }
}
