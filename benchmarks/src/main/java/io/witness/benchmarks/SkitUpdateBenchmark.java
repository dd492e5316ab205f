package io.witness.benchmarks;

import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.monitor.Step;
import io.witness.operators.skit.SkitMethod;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of one SKIT observation per key, next to the baselines the streaming job pays on every event
 * in the same run:
 * <ul>
 *   <li>{@code baselineInput}: reading the next observation (the floor of any per-event loop);</li>
 *   <li>{@code stateRoundTrip}: writing the model's state to bytes and restoring it, which the Flink
 *       adapter does for every event (one RocksDB value per key);</li>
 *   <li>{@code stateRoundTripJavaIo}: the same through {@code DataOutputStream}/{@code DataInputStream}
 *       over byte-array streams (same bytes), the codec Witness used before {@code StateOutput};</li>
 *   <li>{@code update}: the method itself (half the events only store the first point of a pair, the
 *       other half bet, so this is the mean over both);</li>
 *   <li>{@code updateWithStateRoundTrip}: both, i.e. the per-event work of the monitor operator
 *       minus RocksDB's own get/put.</li>
 * </ul>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar SkitUpdate -f 1 -wi 3 -i 5}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SkitUpdateBenchmark {

    /** rff witness with D features per side, or the exact witness at its default history cap. */
    @Param({"rff-32", "rff-64", "exact-1000"})
    public String witness;

    private static final int STREAM = 1 << 16;

    private MonitorFactory factory;
    private Model monitor;
    private double[][] stream;
    private int next;
    private long time;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = witness.split("-");
        Map<String, Object> params = parts[0].equals("rff")
                ? Map.of("witness", "rff", "features", Integer.parseInt(parts[1]))
                : Map.of("witness", "exact", "max-history", Integer.parseInt(parts[1]));
        factory = SkitMethod.factory(Map.of("x", 1, "y", 1), 0.01, params);
        // A weakly dependent stream (y = 0.1 x + noise): the test keeps betting without alarming often.
        SplittableRandom r = new SplittableRandom(1);
        stream = new double[STREAM][];
        for (int i = 0; i < STREAM; i++) {
            double x = gaussian(r);
            stream[i] = new double[] {x, 0.1 * x + gaussian(r)};
        }
        monitor = factory.create();
        // past burn-in and, for exact, past the history cap: the steady state a long-running key is in
        for (int i = 0; i < 4000; i++) {
            monitor.update(time++, nextInput());
        }
    }

    @Benchmark
    public double[] baselineInput() {
        return nextInput();
    }

    @Benchmark
    public Model stateRoundTrip() throws IOException {
        nextInput();
        monitor = roundTrip(monitor);
        return monitor;
    }

    @Benchmark
    public Model stateRoundTripJavaIo() throws IOException {
        nextInput();
        ByteArrayOutputStream bos = new ByteArrayOutputStream(monitor.stateBytes());
        try (DataOutputStream out = new DataOutputStream(bos)) {
            monitor.writeState(out);
        }
        monitor = factory.restore(new DataInputStream(new ByteArrayInputStream(bos.toByteArray())));
        return monitor;
    }

    @Benchmark
    public Step update() {
        return monitor.update(time++, nextInput());
    }

    @Benchmark
    public void updateWithStateRoundTrip(Blackhole bh) throws IOException {
        monitor = roundTrip(monitor);
        bh.consume(monitor.update(time++, nextInput()));
    }

    private Model roundTrip(Model m) throws IOException {
        StateOutput out = new StateOutput(m.stateBytes());
        m.writeState(out);
        return factory.restore(new StateInput(out.toByteArray()));
    }

    private double[] nextInput() {
        double[] v = stream[next];
        next = (next + 1) & (STREAM - 1);
        return v;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
