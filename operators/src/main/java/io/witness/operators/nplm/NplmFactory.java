package io.witness.operators.nplm;

import io.witness.operators.monitor.SplitMix64;
import io.witness.operators.monitor.StateShape;
import io.witness.operators.compute.BackendMode;
import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.compute.ComputeBackends;
import io.witness.operators.compute.Precision;
import io.witness.operators.monitor.BatchScoring;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.MonitorFactory;

import java.io.DataInput;
import java.io.IOException;
import java.util.List;

/**
 * A configured {@code nplm}: parameters, and for a file reference the {@link ReferenceModel} read once at
 * configuration plus its null calibration, computed once per factory on first use (the toys are the
 * same for every key: same reference, same window size, same M, σ, λ) and recomputed only when the
 * factory is rebuilt (a restart, or a changed reference file). A learnt reference lives in each key's
 * state, with its own calibration. Thread-safe.
 */
public final class NplmFactory implements MonitorFactory, BatchScoring {

    private final NplmParameters params;
    private final ReferenceModel fileReference;
    private final NplmFitter fileFitter;
    private final long fileFingerprint;
    private volatile NplmNullCalibration fileCalibration;

    NplmFactory(NplmParameters params, ReferenceModel fileReference) {
        this.params = params;
        this.fileReference = fileReference;
        if (fileReference != null) {
            this.fileFitter = fitterFor(fileReference);
            this.fileFingerprint = fileReference.fingerprint();
        } else {
            this.fileFitter = null;
            this.fileFingerprint = 0;
        }
    }

    public NplmParameters parameters() {
        return params;
    }

    /** The file reference, or null when each key learns its own. */
    public ReferenceModel fileReference() {
        return fileReference;
    }

    long fileFingerprint() {
        return fileFingerprint;
    }

    NplmFitter fileFitter() {
        return fileFitter;
    }

    /** The fitter for a reference: its σ, M from its pool size, the configured solver. */
    NplmFitter fitterFor(ReferenceModel ref) {
        return new NplmFitter(ref.sigma(), params.centreCount(ref.size()), params.solver());
    }

    /** The file reference's calibration, computing it (N_toy fits) on the first call. */
    NplmNullCalibration fileCalibration(ComputeBackend backend) {
        NplmNullCalibration c = fileCalibration;
        if (c == null) {
            synchronized (this) {
                c = fileCalibration;
                if (c == null) {
                    c = calibrate(backend, fileReference, fileFitter);
                    fileCalibration = c;
                }
            }
        }
        return c;
    }

    /** Whether the file reference's calibration exists yet. */
    boolean fileCalibrated() {
        return fileCalibration != null;
    }

    /** The reference-vs-reference toys of §C.5 for this configuration and reference. */
    NplmNullCalibration calibrate(ComputeBackend backend, ReferenceModel ref, NplmFitter fitter) {
        return fitter.calibrate(backend, ref.pool(), ref.size(), params.window(), params.dimension(),
                params.nullToys(), SplitMix64.nth(params.seed(), NplmSeeds.TOYS), params.fitLevel());
    }

    /** The backend of {@link Model#update} outside a micro-batch: the JVM's shared CPU backend. */
    ComputeBackend defaultBackend() {
        return ComputeBackends.shared(BackendMode.CPU, Precision.DOUBLE).backend();
    }

    /**
     * NPLM's state: the reference (a learnt reservoir of reference-size events, standardised or not, or
     * the fingerprint of a reference file) and the test window. Solver settings, toys and the fit level
     * only steer.
     */
    @Override
    public StateShape stateShape() {
        return StateShape.of(method(), roles())
                .integer("window", params.window())
                .choice("reference", params.learnt() ? "learnt" : "file")
                .integer("reference-size", params.referenceSize())
                .flag("standardise", params.standardise())
                .build();
    }

    @Override
    public String method() {
        return NplmMethod.NAME;
    }

    @Override
    public List<Role> roles() {
        return List.of(new Role(NplmMethod.ROLE, params.dimension()));
    }

    @Override
    public NplmModel create() {
        return new NplmModel(this);
    }

    @Override
    public Model restore(DataInput in) throws IOException {
        NplmModel m = new NplmModel(this);
        m.readState(in);
        return m;
    }

    /**
     * A micro-batch that runs every window test its keys complete in the batch in {@link
     * BatchScoring.Batch#compute}, on the job's backend ({@link NplmBatch}). The tests feed p-values, so
     * they stay in double precision.
     */
    @Override
    public BatchScoring.Batch newBatch(ComputeBackend backend) {
        return new NplmBatch(this, backend);
    }

    /**
     * Upper bound of the per-key state in bytes: learnt reference and calibration (learnt mode), a full
     * window, and the last fit.
     */
    public int maxStateBytes() {
        int d = params.dimension();
        int m = params.centreCount(params.referenceSize());
        int fixed = NplmModel.HEADER_BYTES + 8 + params.window() * (8 * d + 8) + 4 + m * (8 * d + 8);
        if (!params.learnt()) {
            return fixed + 8;
        }
        int learning = NplmModel.HEADER_BYTES + 8 + 8 * params.referenceSize() * d;
        int monitoring = fixed + ReferenceModel.bytesFor(params.referenceSize(), d)
                + NplmModel.calibrationBytes(params.nullToys());
        return Math.max(learning, monitoring);
    }
}
