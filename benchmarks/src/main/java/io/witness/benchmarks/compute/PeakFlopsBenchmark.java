package io.witness.benchmarks.compute;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's double-precision peak, measured in the same run as the kernel benchmarks so that each
 * of their GFLOP/s figures is also a fraction of peak. One thread per core ({@code Threads.MAX}), as the
 * CPU backend uses them; {@code ·flops} is GFLOP/s summed over threads.
 * <ul>
 *   <li>{@code fmaRegisters}: twelve independent vector FMA chains kept in registers (incubator Vector
 *       API, widest species): the hardware's FMA peak — the reference for "fraction of peak";</li>
 *   <li>{@code fmaArrayLoop}: {@code acc[j] = fma(acc[j], x, y)} over an L1-resident array, the best a
 *       plain Java loop reaches through C2's auto-vectorisation (loads and stores bound it);</li>
 *   <li>{@code ejmlMultiply}: EJML's dense 512 × 512 product per thread, what the library reaches.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Threads(Threads.MAX)
public class PeakFlopsBenchmark {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int REPS = 1 << 16;
    private static final int MATRIX = 512;

    private double[] acc;
    private DMatrixRMaj a;
    private DMatrixRMaj b;
    private DMatrixRMaj c;
    private double x;

    @Setup(Level.Trial)
    public void setUp() {
        acc = new double[256];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < acc.length; i++) {
            acc[i] = r.nextDouble();
        }
        a = RandomMatrices_DDRM.rectangle(MATRIX, MATRIX, r);
        b = RandomMatrices_DDRM.rectangle(MATRIX, MATRIX, r);
        c = new DMatrixRMaj(MATRIX, MATRIX);
        x = 0.9999999;
    }

    @Benchmark
    public double fmaRegisters(Flops flops) {
        DoubleVector m = DoubleVector.broadcast(SPECIES, x);
        DoubleVector y = DoubleVector.broadcast(SPECIES, 1e-9);
        DoubleVector a0 = DoubleVector.broadcast(SPECIES, 0.1);
        DoubleVector a1 = a0.add(1);
        DoubleVector a2 = a0.add(2);
        DoubleVector a3 = a0.add(3);
        DoubleVector a4 = a0.add(4);
        DoubleVector a5 = a0.add(5);
        DoubleVector a6 = a0.add(6);
        DoubleVector a7 = a0.add(7);
        DoubleVector a8 = a0.add(8);
        DoubleVector a9 = a0.add(9);
        DoubleVector a10 = a0.add(10);
        DoubleVector a11 = a0.add(11);
        for (int r = 0; r < REPS; r++) {
            a0 = a0.fma(m, y);
            a1 = a1.fma(m, y);
            a2 = a2.fma(m, y);
            a3 = a3.fma(m, y);
            a4 = a4.fma(m, y);
            a5 = a5.fma(m, y);
            a6 = a6.fma(m, y);
            a7 = a7.fma(m, y);
            a8 = a8.fma(m, y);
            a9 = a9.fma(m, y);
            a10 = a10.fma(m, y);
            a11 = a11.fma(m, y);
        }
        flops.flops += 2.0 * 12 * SPECIES.length() * REPS;
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    @Benchmark
    public double fmaArrayLoop(Flops flops) {
        double[] v = acc;
        double m = x;
        for (int r = 0; r < 1024; r++) {
            for (int j = 0; j < v.length; j++) {
                v[j] = Math.fma(v[j], m, 1e-9);
            }
        }
        flops.flops += 2.0 * 1024 * v.length;
        return v[7];
    }

    @Benchmark
    public DMatrixRMaj ejmlMultiply(Flops flops) {
        CommonOps_DDRM.mult(a, b, c);
        flops.flops += 2.0 * MATRIX * MATRIX * MATRIX;
        return c;
    }
}
