package io.witness.operators.nplm;

import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.monitor.BatchScoring;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.Step;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One micro-batch of an {@code nplm} monitor. At staging, each key's window is replayed over the
 * observations it is about to consume, so every window test the key will complete in this batch is
 * known with its exact contents; {@link #compute} runs them all (and, for a file reference, the shared
 * null calibration if it does not exist yet) on the job's backend; {@link #update} hands each key its
 * finished tests in order. A key still learning its reference stages nothing.
 *
 * <p><b>Granularity.</b> A window test is a preconditioned-CG solve whose iterations depend on each
 * other, and every key's test has its own centres, σ and reference, so tests of different keys cannot
 * share one {@code knmTransposeKnm} call: each test is its own short sequence of backend calls
 * ({@code gram}s, {@code kernelTimes}, one product per CG iteration). What the batch buys is that all
 * the tests of a batch run together, on the job's backend (a GPU where there is one, which the
 * one-at-a-time path — the JVM's shared CPU backend — never uses), between the batch's single state
 * read and write per key. Per-event scores (one kernel–vector product against ≤ M centres) stay inline.
 * With the same backend the results are bit-identical to one-at-a-time updates.
 */
final class NplmBatch implements BatchScoring.Batch {

    /** Tests a batch already ran, for one key, in order. */
    interface Prefits {
        /** The prepared test number {@code index} if its reference and window rows are exactly these, else null. */
        NplmFitter.WindowTest take(long index, ReferenceModel ref, double[] rows);
    }

    private static final class Job {
        final NplmModel model;
        final ReferenceModel reference;
        final NplmFitter fitter;
        final long index;
        final double[] rows;
        NplmFitter.WindowTest result;

        Job(NplmModel model, long index, double[] rows) {
            this.model = model;
            this.reference = model.reference();
            this.fitter = model.fitter();
            this.index = index;
            this.rows = rows;
        }
    }

    private static final class KeyJobs implements Prefits {
        final List<Job> jobs = new ArrayList<>(1);
        int cursor;

        @Override
        public NplmFitter.WindowTest take(long index, ReferenceModel ref, double[] rows) {
            while (cursor < jobs.size()) {
                Job j = jobs.get(cursor);
                if (j.index < index) {
                    cursor++;
                    continue;
                }
                if (j.index == index && j.reference == ref && j.result != null && Arrays.equals(j.rows, rows)) {
                    cursor++;
                    return j.result;
                }
                return null;
            }
            return null;
        }
    }

    private final NplmFactory factory;
    private final ComputeBackend backend;
    private final List<KeyJobs> keys = new ArrayList<>();
    private final List<Job> all = new ArrayList<>();

    NplmBatch(NplmFactory factory, ComputeBackend backend) {
        this.factory = factory;
        this.backend = backend;
    }

    @Override
    public int stage(Model model, List<double[]> values) {
        NplmModel m = (NplmModel) model;
        KeyJobs k = new KeyJobs();
        keys.add(k);
        if (!m.ready()) {
            return keys.size() - 1;
        }
        int d = factory.parameters().dimension();
        double[] row = new double[d];
        WindowBuffer w = m.windowCopy();
        long index = m.tests();
        for (double[] v : values) {
            m.reference().standardise(v, row, 0);
            w.add(row, 0, 0L);
            if (w.due()) {
                Job j = new Job(m, index, w.rowsInOrder());
                k.jobs.add(j);
                all.add(j);
                w.tested();
                index++;
            }
        }
        return keys.size() - 1;
    }

    @Override
    public void compute() {
        if (all.isEmpty()) {
            return;
        }
        if (factory.fileReference() != null) {
            factory.fileCalibration(backend);
        }
        for (Job j : all) {
            j.result = j.model.runTest(backend, j.reference, j.fitter, j.rows, j.index);
        }
    }

    @Override
    public Step update(int staged, Model model, long time, double[] values) {
        return ((NplmModel) model).update(time, values, backend, keys.get(staged));
    }

    /** Tests {@link #compute} has run since the last reset (for tests and diagnostics). */
    int completedTests() {
        int n = 0;
        for (Job j : all) {
            n += j.result != null ? 1 : 0;
        }
        return n;
    }

    @Override
    public void reset() {
        keys.clear();
        all.clear();
    }
}
