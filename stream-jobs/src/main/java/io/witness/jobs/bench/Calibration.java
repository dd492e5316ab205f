package io.witness.jobs.bench;

import io.witness.jobs.config.MonitorConfig;
import io.witness.jobs.core.BoundMonitor;
import io.witness.operators.monitor.Monitor;
import io.witness.operators.monitor.Step;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the no-op baseline must imitate, measured in process on one key fed the generator's kind of
 * data: the model's state size once it has settled, and its step pace (a step every k observations
 * after the first s). At least {@value #MIN_OBSERVATIONS} observations and {@value #MIN_STEPS} steps
 * (so a bounded history has filled), at most {@value #MAX_OBSERVATIONS}.
 *
 * @param observations   observations fed
 * @param modelBytes     the model's state bytes after them
 * @param stepEvery      observations per step once stepping (the noop's {@code step-every})
 * @param silentFor      observations before the stepping pattern starts (the noop's {@code silent-for})
 * @param steps          steps seen
 */
record Calibration(long observations, int modelBytes, int stepEvery, int silentFor, long steps) {
    static final int MIN_OBSERVATIONS = 10_000;
    static final int MIN_STEPS = 64;
    static final int MAX_OBSERVATIONS = 1_000_000;

    static Calibration of(MonitorConfig monitor, long seed) {
        BoundMonitor bound = BoundMonitor.bind(monitor);
        Monitor model = bound.factory().create();
        int dim = bound.factory().dimension();
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = new double[dim];
        long firstStep = -1;
        long lastStep = -1;
        long steps = 0;
        long n = 0;
        while (n < MAX_OBSERVATIONS && (n < MIN_OBSERVATIONS || steps < MIN_STEPS)) {
            for (int i = 0; i < dim; i++) {
                v[i] = random.nextGaussian();
            }
            n++;
            Step s = model.update(1_000L * n, v.clone());
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
        return new Calibration(n, model.stateBytes(), every, silent, steps);
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
