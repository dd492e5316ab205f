package io.witness.operators.skit.sim;

import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.monitor.Step;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import java.util.function.LongFunction;

/**
 * Runs SKIT monitors over simulated streams and records, per run, whether and when the first alarm
 * came. A run stops at its first alarm (the spec's stopping time τ, §A.2.5) or after {@code pairs}
 * pairs past the burn-in.
 *
 * <p>Stopping time is counted the way the §A.5.2 table (the authors' notebook) counts it: the
 * 1-based index of the pair whose bet reached 1/α, where the history-only first pair of a burn-in-0
 * run is pair 1 (bet #1 is on pair 2, §A.2.1) — the notebook records {@code cur_pair + 1} "to account
 * for the first pair". That is the monitor's explanation field {@code pair}. A run without an alarm
 * counts as {@code pairs} (the cap, 1 000 in the spec). With a burn-in, pairs are counted after it.
 *
 * <p>Each run gets its own seed from one {@link SplittableRandom} seeded with {@code seed}; the
 * factory is made per run from that seed too (for RFF: fresh frequencies per run), so a batch is
 * reproducible from {@code seed} alone.
 */
public final class SkitSimulation {

    private SkitSimulation() {
    }

    /** Whether a run alarmed, and its stopping time in pairs (the cap when it did not). */
    public record Outcome(boolean rejected, long stoppingPairs) {
    }

    public static SimulationSummary run(String label, LongFunction<MonitorFactory> factoryForSeed,
                                        PairedStream.Source source, int runs, int pairs, int burnIn, long seed) {
        return run(label, factoryForSeed, source, 2, runs, pairs, burnIn, seed);
    }

    /** As above for observations of {@code dimension} values (x's then y's). */
    public static SimulationSummary run(String label, LongFunction<MonitorFactory> factoryForSeed,
                                        PairedStream.Source source, int dimension, int runs, int pairs, int burnIn,
                                        long seed) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        SplittableRandom seeds = new SplittableRandom(seed);
        long[] stopping = new long[runs];
        int rejections = 0;
        for (int r = 0; r < runs; r++) {
            long runSeed = seeds.nextLong();
            Outcome o = once(factoryForSeed.apply(runSeed).create(), source.open(runSeed ^ 0x9E3779B97F4A7C15L),
                    dimension, pairs, burnIn);
            stopping[r] = o.stoppingPairs();
            if (o.rejected()) {
                rejections++;
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        return new SimulationSummary(label, runs, rejections, stopping, cpu, wall);
    }

    /** One run: feeds burn-in + 2·pairs observations, stops at the first alarm. */
    public static Outcome once(Model monitor, PairedStream stream, int pairs, int burnIn) {
        return once(monitor, stream, 2, pairs, burnIn);
    }

    /** One run with observations of {@code dimension} values. */
    public static Outcome once(Model monitor, PairedStream stream, int dimension, int pairs, int burnIn) {
        double[] obs = new double[dimension];
        long total = burnIn + 2L * pairs;
        for (long i = 0; i < total; i++) {
            stream.next(i, obs);
            Step step = monitor.update(i, obs);
            if (step != null && step.alarm()) {
                return new Outcome(true, step.explanation().get("pair").asLong());
            }
        }
        return new Outcome(false, pairs);
    }
}
