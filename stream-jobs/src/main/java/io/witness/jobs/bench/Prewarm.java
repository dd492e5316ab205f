package io.witness.jobs.bench;

import io.witness.jobs.config.MethodRegistry;
import io.witness.jobs.config.MonitorConfig;
import io.witness.jobs.core.BoundMonitor;
import io.witness.jobs.core.MonitorBinder;
import io.witness.operators.monitor.Monitor;
import io.witness.operators.monitor.StateOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code witness bench --prewarm}: one template model per monitor, warmed in process (one thread, no
 * Flink) on the generator's stream ({@link BenchEvents}) for as many observations as the calibration
 * needed to see the model settle ({@link Calibration#observations}, at least its
 * {@link Calibration#settledAfter}), one per second of event time ending when the warm-up ends, so that
 * the bench's own events (stamped with the wall clock) come after it. The monitor's keys then start from
 * this template's state bytes ({@link PrewarmedFactory}): at 10k keys the warm-up would otherwise cost
 * 1.3–22 M events (docs/performance.md, "Scale"). Keys start from identical states; the per-event work
 * and state sizes are the steady-state ones.
 */
final class Prewarm {
    /** Event-time spacing of the template's observations. */
    static final long SPACING_MILLIS = 1_000;

    private Prewarm() {
    }

    /** The template's model state ({@link Monitor#writeState}) after {@code observations} observations. */
    static byte[] template(MonitorConfig monitor, long seed, long observations, long endMillis) {
        BoundMonitor bound = BoundMonitor.bind(monitor);
        Monitor model = bound.factory().create();
        boolean typed = MethodRegistry.get(monitor.method()).usesEventType();
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] v = new double[bound.factory().dimension()];
        for (long n = 1; n <= observations; n++) {
            BenchEvents.values(random, v);
            long time = endMillis - (observations - n) * SPACING_MILLIS;
            if (typed) {
                model.update(time, BenchEvents.type(random), v.clone());
            } else {
                model.update(time, v.clone());
            }
        }
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
    record Binder(Map<String, byte[]> templates) implements MonitorBinder {
        private static final long serialVersionUID = 1L;

        Binder {
            templates = new HashMap<>(templates);
        }

        @Override
        public BoundMonitor bind(MonitorConfig monitor) {
            BoundMonitor b = BoundMonitor.bind(monitor);
            byte[] t = templates.get(monitor.id());
            return t == null ? b : new BoundMonitor(b.config(), PrewarmedFactory.of(b.factory(), t));
        }
    }
}
