package io.witness.benchmarks;

import io.witness.operators.forecast.ForecastFactory;
import io.witness.operators.forecast.ForecastMethod;
import io.witness.operators.forecast.ForecastModel;
import io.witness.operators.forecast.synthetic.Base;
import io.witness.operators.forecast.synthetic.LabelledSeries;
import io.witness.operators.forecast.synthetic.SyntheticSeries;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;
import java.io.IOException;
import java.util.Map;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the {@code kernel-forecast} scorer alone (one key, one thread, past its warm-up, the
 * dictionary full at its default cap), next to what the streaming job adds per event in the same run:
 * <ul>
 *   <li>{@code observe}: forecast, residual score, incident logic, learning — the scorer alone;</li>
 *   <li>{@code update}: the same plus the {@code Step} with its evidence map (what the job emits);</li>
 *   <li>{@code stateRoundTrip}: writing the state to bytes and restoring it (the Flink adapter does this
 *       per event).</li>
 * </ul>
 * Values: an AR(1) series (φ = 0.8) cycled; times advance one minute per event.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar ForecastScorer -f 1 -wi 3 -i 5}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ForecastScorerBenchmark {

    @Param({"aogd", "nons"})
    public String algorithm;

    private static final int STREAM = 1 << 16;
    private double[] values;
    private ForecastModel monitor;
    private ForecastFactory factory;
    private long time;
    private int next;
    private final double[] one = new double[1];

    @Setup
    public void setUp() {
        factory = ForecastMethod.with(Map.of("algorithm", algorithm));
        LabelledSeries s = SyntheticSeries.normal(Base.AR1, STREAM, 42);
        values = s.values();
        monitor = factory.create();
        time = s.times()[0];
        for (int i = 0; i < 5000; i++) {
            monitor.observe(nextTime(), values[i]);
        }
        next = 5000;
    }

    private long nextTime() {
        time += 60_000;
        return time;
    }

    private double nextValue() {
        double v = values[next];
        next = (next + 1) & (STREAM - 1);
        return v;
    }

    @Benchmark
    public double observe() {
        monitor.observe(nextTime(), nextValue());
        return monitor.lastScore();
    }

    @Benchmark
    public void update(Blackhole bh) {
        one[0] = nextValue();
        bh.consume(monitor.update(nextTime(), one));
    }

    @Benchmark
    public Model stateRoundTrip() throws IOException {
        StateOutput out = new StateOutput(monitor.stateBytes());
        monitor.writeState(out);
        return factory.restore(new StateInput(out.toByteArray()));
    }
}
