package io.witness.benchmarks;

import io.witness.operators.hawkes.HawkesMethod;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;
import io.witness.operators.monitor.Step;
import java.io.IOException;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-event and per-refit cost of one key's Hawkes monitor (defaults: Δ = 1 s, W = 30 s, truncated
 * Gaussian kernels), with p event types, in the same run:
 * <ul>
 *   <li>{@code update}: one event into a fitted model (residual compensator + statistics; refits are
 *       pushed out of the measured events by a 1-day refit interval);</li>
 *   <li>{@code stateRoundTrip}: write the state and restore it, as the Flink adapter does per event;</li>
 *   <li>{@code refit}: a whole warm-started refit (at most 50 block iterations, as configured by
 *       default) on the same model.</li>
 * </ul>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar HawkesUpdate -f 1 -wi 3 -i 5}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HawkesUpdateBenchmark {

    @Param({"2", "4", "9"})
    public int types;

    private static final int STREAM = 1 << 16;
    private final String[] names = {"api", "db", "cache", "queue", "auth", "search", "mail", "pay", "dns"};
    private long[] times;
    private int[] kinds;
    private int next;
    private long shift;
    private Model monitor;
    private MonitorFactory factory;
    private byte[] snapshot;

    @Setup
    public void setUp() throws IOException {
        SplittableRandom r = new SplittableRandom(3);
        times = new long[STREAM];
        kinds = new int[STREAM];
        long t = 1_700_000_000_000L;
        for (int n = 0; n < STREAM; n++) {
            t += r.nextDouble() < 0.3 ? 2000 + r.nextInt(6000) : (long) (-Math.log(1 - r.nextDouble()) * 1000);
            times[n] = t;
            kinds[n] = r.nextInt(types);
        }
        // fit once on the first half with minute refits, then switch to a factory that never refits
        MonitorFactory fitting = new HawkesMethod().configure(Map.of(), 0.01, Map.of());
        Model m = fitting.create();
        for (int n = 0; n < STREAM / 2; n++) {
            m.update(times[n], names[kinds[n]], new double[0]);
        }
        StateOutput out = new StateOutput(m.stateBytes());
        m.writeState(out);
        snapshot = out.toByteArray();
        factory = new HawkesMethod().configure(Map.of(), 0.01, Map.of("refit-interval", "1d"));
        monitor = factory.restore(new StateInput(snapshot));
        next = STREAM / 2;
    }

    private long time(int n) {
        return times[n] + shift;
    }

    @Benchmark
    public Step update() {
        if (next == STREAM) {
            next = STREAM / 2;
            shift += times[STREAM - 1] - times[STREAM / 2] + 1000;
        }
        int n = next++;
        return monitor.update(time(n), names[kinds[n]], new double[0]);
    }

    @Benchmark
    public Model stateRoundTrip() throws IOException {
        StateOutput out = new StateOutput(monitor.stateBytes());
        monitor.writeState(out);
        return factory.restore(new StateInput(out.toByteArray()));
    }

    @Benchmark
    public Step refit() throws IOException {
        // the saved model's next event refits (its refit time has passed)
        Model m = new HawkesMethod().configure(Map.of(), 0.01, Map.of()).restore(new StateInput(snapshot));
        return m.update(times[STREAM / 2] + 3_600_000L, names[0], new double[0]);
    }
}
