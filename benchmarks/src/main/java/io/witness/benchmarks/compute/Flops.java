package io.witness.benchmarks.compute;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A JMH counter of floating-point operations: in throughput mode with {@code OutputTimeUnit}
 * nanoseconds JMH reports it as {@code ·flops} in ops/ns, i.e. GFLOP/s (summed over threads).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Flops {

    public double flops;

    @Setup(Level.Iteration)
    public void reset() {
        flops = 0;
    }
}
