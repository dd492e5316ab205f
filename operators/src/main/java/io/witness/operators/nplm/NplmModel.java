package io.witness.operators.nplm;

import io.witness.operators.monitor.SplitMix64;
import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.kernel.GaussianKernel;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.PerEventScore;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;
import io.witness.operators.monitor.Step;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Per-key {@code nplm} model (spec kernel-tests.md §C, §C.6):
 * <ol>
 * <li><b>Reference.</b> From the monitor's file (shared by all keys, in the factory), or learnt: the
 * key's first {@code reference-events} events feed a uniform reservoir of {@code reference-size} events
 * (with the defaults, simply the first 2 000 events). When it is complete the standardisation and σ are
 * learnt on it and the null is calibrated by {@code null-toys} toys ({@link NplmFitter}) — N_toy fits
 * inside the update that completes the reference. Nothing is tested before.</li>
 * <li><b>Windows.</b> The last {@code window} events (standardised); a test runs when the window is full
 * and {@code slide} events have arrived since the last one (tumbling by default). Each test: one
 * logistic-Falkon fit of the window against a random {@code P − window} of the pool, t, its p-value from
 * the calibration, and the explanation ({@link NplmExplanation}).</li>
 * <li><b>Alarms.</b> A window alarms when p ≤ α; an incident opens on the first alarm and clears after
 * {@code resolve-after} consecutive windows without one.</li>
 * <li><b>Per-event score</b> ({@link PerEventScore}): each event at arrival, with the newest fit f
 * (the event that completes a window: that window's own fit): {@code 1 − e^{−max(0, f(x))}}, the share
 * of the recent data's density at x that the reference does not explain; NaN before the first test.</li>
 * </ol>
 * State: {@link #writeState}. Not thread-safe.
 */
public final class NplmModel implements Model, PerEventScore {

    static final byte FORMAT_VERSION = 1;
    /** version, flags, observations, tests, quiet windows, alarms. */
    static final int HEADER_BYTES = 1 + 1 + 8 + 8 + 4 + 8;

    private static final int FLAG_READY = 1;
    private static final int FLAG_OPEN = 2;
    private static final int FLAG_FIT = 4;

    private final NplmFactory factory;
    private final NplmParameters p;
    private final int d;

    // ---- state ----
    private long observations;
    private long tests;
    private int quiet;
    private long alarms;
    private boolean open;
    /** Learning: raw reservoir rows and the events offered so far. */
    private double[] reservoir;
    private int seen;
    /** Monitoring. */
    private ReferenceModel reference;
    private NplmNullCalibration calibration;
    private WindowBuffer window;
    /** The newest fit: centres (M × d) and α; null before the first test. */
    private double[] fitCentres;
    private double[] fitAlpha;

    // ---- derived, not state ----
    private NplmFitter fitter;
    private GaussianKernel kernel;
    private final double[] row;
    private double lastScore = Double.NaN;
    private boolean lastAlarm;

    NplmModel(NplmFactory factory) {
        this.factory = factory;
        this.p = factory.parameters();
        this.d = p.dimension();
        this.row = new double[d];
        if (p.learnt()) {
            reservoir = new double[p.referenceSize() * d];
        } else {
            startMonitoring(factory.fileReference(), null);
        }
    }

    private void startMonitoring(ReferenceModel ref, NplmNullCalibration cal) {
        reference = ref;
        calibration = cal;
        reservoir = null;
        window = new WindowBuffer(p.window(), d, p.slide());
        fitter = p.learnt() ? factory.fitterFor(ref) : factory.fileFitter();
        kernel = fitter.kernel();
    }

    @Override
    public Step update(long time, double[] values) {
        return update(time, values, factory.defaultBackend(), null);
    }

    /**
     * {@link #update(long, double[])} with the backend for any fit it runs, and tests a micro-batch
     * already ran ({@code prefits}, may be null): one is used only when it is exactly the test due now.
     */
    Step update(long time, double[] values, ComputeBackend backend, NplmBatch.Prefits prefits) {
        observations++;
        lastScore = Double.NaN;
        if (reference == null) {
            learn(values, backend);
            lastAlarm = false;
            return null;
        }
        reference.standardise(values, row, 0);
        window.add(row, 0, time);
        if (!window.due()) {
            lastScore = scoreOf(row);
            lastAlarm = open;
            return null;
        }
        double[] rows = window.rowsInOrder();
        NplmFitter.WindowTest test = prefits == null ? null : prefits.take(tests, reference, rows);
        if (test == null) {
            test = runTest(backend, reference, fitter, rows, tests);
        }
        NplmNullCalibration cal = calibration != null ? calibration : factory.fileCalibration(backend);
        long[] times = window.timesInOrder();
        window.tested();
        tests++;
        fitCentres = test.fit().centres();
        fitAlpha = test.fit().alpha();
        lastScore = score(test.fOnWindow(p.window() - 1));
        return step(test, cal, rows, times);
    }

    /** One window test: the fit with the seed of test number {@code index}. */
    NplmFitter.WindowTest runTest(ComputeBackend backend, ReferenceModel ref, NplmFitter f, double[] rows, long index) {
        return f.test(backend, ref.pool(), ref.size(), rows, p.window(), d,
                SplitMix64.nth(SplitMix64.nth(p.seed(), NplmSeeds.TESTS), index));
    }

    private Step step(NplmFitter.WindowTest test, NplmNullCalibration cal, double[] rows, long[] times) {
        double pValue = cal.pValue(test.t());
        boolean alarm = pValue <= p.alpha();
        boolean clear = false;
        if (alarm) {
            alarms++;
            open = true;
            quiet = 0;
        } else if (open) {
            quiet++;
            if (quiet >= p.resolveAfter()) {
                open = false;
                quiet = 0;
                clear = true;
            }
        }
        lastAlarm = open;
        NplmExplanation why = new NplmExplanation(p, reference, kernel, test, cal, pValue, tests, rows, times);
        return new Step(observations, test.t(), pValue, null, cal.threshold(p.alpha()), alarm, clear, why.map());
    }

    private void learn(double[] values, ComputeBackend backend) {
        int size = p.referenceSize();
        int slot;
        if (seen < size) {
            slot = seen;
        } else {
            // reservoir sampling (Algorithm R) with a per-event seed, so no generator state is kept
            SplittableRandom r = new SplittableRandom(SplitMix64.nth(SplitMix64.nth(p.seed(), NplmSeeds.RESERVOIR), seen));
            int j = r.nextInt(seen + 1);
            slot = j < size ? j : -1;
        }
        if (slot >= 0) {
            System.arraycopy(values, 0, reservoir, slot * d, d);
        }
        seen++;
        if (seen == p.referenceEvents()) {
            ReferenceModel ref = ReferenceModel.learn(reservoir, size, d, p.standardise(), p.bandwidth(),
                    SplitMix64.nth(p.seed(), NplmSeeds.BANDWIDTH));
            NplmFitter f = factory.fitterFor(ref);
            startMonitoring(ref, factory.calibrate(backend, ref, f));
        }
    }

    /** f(x) of the newest fit at a standardised row, or NaN before the first test. */
    double logRatio(double[] x) {
        if (fitAlpha == null) {
            return Double.NaN;
        }
        double s = 0;
        for (int j = 0; j < fitAlpha.length; j++) {
            s += fitAlpha[j] * kernel.value(x, 0, fitCentres, j * d, d);
        }
        return s;
    }

    private double scoreOf(double[] x) {
        return score(logRatio(x));
    }

    /** {@code 1 − e^{−max(0, f)}}: 0 where the reference explains the data, → 1 where it explains none of it. */
    static double score(double f) {
        return Double.isNaN(f) ? Double.NaN : -Math.expm1(-Math.max(0.0, f));
    }

    @Override
    public double lastScore() {
        return lastScore;
    }

    @Override
    public boolean lastAlarm() {
        return lastAlarm;
    }

    @Override
    public long observations() {
        return observations;
    }

    /** Whether the reference is ready (tests can run). */
    boolean ready() {
        return reference != null;
    }

    ReferenceModel reference() {
        return reference;
    }

    NplmFitter fitter() {
        return fitter;
    }

    long tests() {
        return tests;
    }

    WindowBuffer windowCopy() {
        return window.copy();
    }

    /** The key's calibration (learnt reference), or null when it is the factory's (file) or not made yet. */
    NplmNullCalibration calibration() {
        return calibration;
    }

    static int calibrationBytes(int toys) {
        return 4 + 8 * toys + 8 + 8 + 8 + 1;
    }

    private int flags() {
        return (reference != null ? FLAG_READY : 0) | (open ? FLAG_OPEN : 0) | (fitAlpha != null ? FLAG_FIT : 0);
    }

    /**
     * Layout (version {@value #FORMAT_VERSION}), big-endian:
     * <pre>
     * byte version; byte flags (1 reference ready, 2 incident open, 4 has a fit)
     * long observations; long tests; int quiet windows; long alarms
     * learning (learnt, not ready):  int seen; min(seen, P)·d doubles (raw reservoir)
     * ready, learnt:  reference (int P; double σ; d means; d scales; P·d standardised doubles)
     *                 calibration (int N_toy; N_toy sorted doubles; double ν; double KS; double p_KS; byte χ² accepted)
     * ready, file:    long fingerprint of the file reference
     * ready:          window (int count; int since test; count·d doubles; count longs), oldest first
     * has a fit:      int M; M·d centres; M α
     * </pre>
     */
    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        out.writeByte(flags());
        out.writeLong(observations);
        out.writeLong(tests);
        out.writeInt(quiet);
        out.writeLong(alarms);
        if (reference == null) {
            out.writeInt(seen);
            StateOutput.writeDoubles(out, reservoir, 0, Math.min(seen, p.referenceSize()) * d);
            return;
        }
        if (p.learnt()) {
            reference.write(out);
            double[] toys = calibration.sortedToysUnsafe();
            out.writeInt(toys.length);
            StateOutput.writeDoubles(out, toys, 0, toys.length);
            out.writeDouble(calibration.dof());
            out.writeDouble(calibration.ksDistance());
            out.writeDouble(calibration.ksPValue());
            out.writeBoolean(calibration.chiSquared());
        } else {
            out.writeLong(factory.fileFingerprint());
        }
        window.write(out);
        if (fitAlpha != null) {
            out.writeInt(fitAlpha.length);
            StateOutput.writeDoubles(out, fitCentres, 0, fitAlpha.length * d);
            StateOutput.writeDoubles(out, fitAlpha, 0, fitAlpha.length);
        }
    }

    @Override
    public int stateBytes() {
        int b = HEADER_BYTES;
        if (reference == null) {
            return b + 4 + 8 * Math.min(seen, p.referenceSize()) * d;
        }
        if (p.learnt()) {
            b += ReferenceModel.bytesFor(reference.size(), d) + calibrationBytes(calibration.toyCount());
        } else {
            b += 8;
        }
        b += window.bytes();
        if (fitAlpha != null) {
            b += 4 + 8 * fitAlpha.length * (d + 1);
        }
        return b;
    }

    void readState(DataInput in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != FORMAT_VERSION) {
            throw new IOException("nplm state version " + version + " is unknown (this build reads " + FORMAT_VERSION + ")");
        }
        int flags = in.readUnsignedByte();
        observations = in.readLong();
        tests = in.readLong();
        quiet = in.readInt();
        alarms = in.readLong();
        open = (flags & FLAG_OPEN) != 0;
        if ((flags & FLAG_READY) == 0) {
            if (!p.learnt()) {
                throw new IOException("nplm state of a learnt reference, but this monitor has a reference file");
            }
            seen = in.readInt();
            if (seen < 0 || seen >= p.referenceEvents()) {
                throw new IOException("nplm reservoir has seen " + seen + " events (reference-events "
                        + p.referenceEvents() + ")");
            }
            StateInput.readDoubles(in, reservoir, 0, Math.min(seen, p.referenceSize()) * d);
            return;
        }
        boolean keep = true;
        if (p.learnt()) {
            ReferenceModel ref = ReferenceModel.read(in, d, p.referenceSize());
            int toys = in.readInt();
            if (toys < 2 || toys > 1_000_000) {
                throw new IOException("nplm calibration of " + toys + " toys");
            }
            double[] t = new double[toys];
            StateInput.readDoubles(in, t, 0, toys);
            double dof = in.readDouble();
            double ks = in.readDouble();
            double ksP = in.readDouble();
            boolean chi2 = in.readBoolean();
            startMonitoring(ref, NplmNullCalibration.restored(t, dof, ks, ksP, chi2));
        } else {
            // a changed reference file makes the old window (standardised the old way) and fit meaningless
            keep = in.readLong() == factory.fileFingerprint();
        }
        window.read(in);
        if ((flags & FLAG_FIT) != 0) {
            int m = in.readInt();
            if (m < 1 || m > p.referenceSize()) {
                throw new IOException("nplm fit with " + m + " centres");
            }
            fitCentres = new double[m * d];
            fitAlpha = new double[m];
            StateInput.readDoubles(in, fitCentres, 0, m * d);
            StateInput.readDoubles(in, fitAlpha, 0, m);
        }
        if (!keep) {
            window.clear();
            fitCentres = null;
            fitAlpha = null;
        }
    }
}
