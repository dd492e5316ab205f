package io.witness.jobs.bench;

import io.witness.jobs.config.MethodRegistry;
import io.witness.jobs.config.MonitorConfig;
import io.witness.jobs.core.BoundMonitor;
import io.witness.jobs.core.MonitorBinder;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.StateOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code witness bench --prewarm}: {@value #TEMPLATES} template models per monitor, each warmed in process
 * (one thread, no Flink) on the generator's stream ({@link BenchEvents}): template j for n + j·⌈n/8⌉
 * observations, n being what the calibration needed to see the model settle ({@link Calibration#observations},
 * at least its {@link Calibration#settledAfter}), at the per-key spacing of the bench's events
 * ({@link #spacingMillis}), every template's last observation when the warm-up ends, so that the bench's own
 * events (stamped with the wall clock) come right after it. The monitor's keys then start from these
 * templates' state bytes in turn ({@link PrewarmedFactory}): at 10k keys the warm-up would otherwise cost
 * 1.3–22 M events (docs/performance.md, "Scale"). Several templates, at different points of the stream, so
 * that methods that cycle (mmd-betting: a reference phase, then bets until its pool is used up; ksd and nplm:
 * a step per window) or act on event-time intervals (hawkes: a refit per minute since its first event) do
 * not run every key in the same phase. The per-event work and state sizes are the steady-state ones; keys
 * start from {@value #TEMPLATES} distinct states.
 */
final class Prewarm {
    /** The total rate assumed for a per-key spacing when the bench runs as fast as the job takes events. */
    static final double ASSUMED_RATE = 10_000;
    /** Templates per monitor. */
    static final int TEMPLATES = 8;

    private Prewarm() {
    }

    /** The {@value #TEMPLATES} templates of a monitor (see the class comment), the first after {@code observations}. */
    static List<byte[]> templates(MonitorConfig monitor, long seed, long observations, long endMillis,
                                  long spacingMillis) {
        long step = (observations + TEMPLATES - 1) / TEMPLATES;
        List<byte[]> out = new ArrayList<>(TEMPLATES);
        for (int j = 0; j < TEMPLATES; j++) {
            out.add(template(monitor, seed + j, observations + j * step, endMillis, spacingMillis));
        }
        return out;
    }

    /**
     * Event-time spacing of a template's observations: what one key of the bench sees, {@code keys} over the
     * total rate ({@code rate}, or {@value #ASSUMED_RATE} events/s when 0), at least 1 s. Methods that learn
     * their sampling interval (kernel-forecast: a gap of many intervals empties its shingle) then take the
     * bench's gaps as consecutive points.
     */
    static long spacingMillis(long keys, double rate) {
        double total = rate > 0 ? rate : ASSUMED_RATE;
        return Math.max(1_000L, (long) Math.ceil(keys * 1000.0 / total));
    }

    private static byte[] template(MonitorConfig monitor, long seed, long observations, long endMillis,
                                   long spacingMillis) {
        BoundMonitor bound = BoundMonitor.bind(monitor);
        Model model = bound.factory().create();
        boolean typed = MethodRegistry.get(monitor.method()).usesEventType();
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] v = new double[bound.factory().dimension()];
        for (long n = 1; n <= observations; n++) {
            BenchEvents.values(random, v);
            long time = endMillis - (observations - n) * spacingMillis;
            if (typed) {
                model.update(time, BenchEvents.type(random), v.clone());
            } else {
                model.update(time, v.clone());
            }
        }
        return state(model);
    }

    private static byte[] state(Model model) {
        StateOutput out = new StateOutput(model.stateBytes());
        try {
            model.writeState(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Binds monitors as every job does, then wraps the factory of each monitor that has a template in a
     * {@link PrewarmedFactory}.
     */
    record Binder(Map<String, List<byte[]>> templates) implements MonitorBinder {
        private static final long serialVersionUID = 1L;

        Binder {
            Map<String, List<byte[]>> copy = new HashMap<>();
            templates.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
            templates = copy;
        }

        @Override
        public BoundMonitor bind(MonitorConfig monitor) {
            BoundMonitor b = BoundMonitor.bind(monitor);
            List<byte[]> t = templates.get(monitor.id());
            return t == null ? b : new BoundMonitor(b.config(), PrewarmedFactory.of(b.factory(), t));
        }
    }
}
