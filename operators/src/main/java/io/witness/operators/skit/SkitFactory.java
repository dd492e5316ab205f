package io.witness.operators.skit;

import io.witness.operators.bettors.Bettor;
import io.witness.operators.kernel.GaussianSampler;
import io.witness.operators.kernel.RandomFourierFeatures;
import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.monitor.BatchScoring;
import io.witness.operators.monitor.Monitor;
import io.witness.operators.monitor.MonitorFactory;

import java.io.DataInput;
import java.io.IOException;
import java.util.List;

/**
 * A configured SKIT: validated parameters plus the random-feature frequencies, drawn once from
 * {@code seed} (x's D×dx standard normals first, then y's D×dy) and shared, read-only, by every key.
 * Only the bandwidths are per key. Immutable and thread-safe.
 */
public final class SkitFactory implements MonitorFactory, BatchScoring {

    private final SkitParameters params;
    private final RandomFourierFeatures featuresX;
    private final RandomFourierFeatures featuresY;

    public SkitFactory(SkitParameters params) {
        this.params = params;
        if (params.witness() == WitnessKind.RFF) {
            GaussianSampler sampler = new GaussianSampler(params.seed());
            featuresX = new RandomFourierFeatures(params.dx(), params.features(), sampler);
            featuresY = new RandomFourierFeatures(params.dy(), params.features(), sampler);
        } else {
            featuresX = null;
            featuresY = null;
        }
    }

    public SkitParameters parameters() {
        return params;
    }

    /** The x-side random features shared by every key (null for the exact witness). */
    RandomFourierFeatures featuresX() {
        return featuresX;
    }

    /** The y-side random features shared by every key (null for the exact witness). */
    RandomFourierFeatures featuresY() {
        return featuresY;
    }

    @Override
    public String method() {
        return SkitMethod.NAME;
    }

    @Override
    public List<Role> roles() {
        return List.of(new Role("x", params.dx()), new Role("y", params.dy()));
    }

    @Override
    public SkitMonitor create() {
        return new SkitMonitor(this);
    }

    @Override
    public Monitor restore(DataInput in) throws IOException {
        SkitMonitor m = new SkitMonitor(this);
        m.readState(in);
        return m;
    }

    /**
     * A micro-batch whose random-feature maps, over every staged key and observation, are one backend
     * call per side (x and y); see {@link SkitBatch}. The features feed the wealth, so they are
     * computed in double precision whatever the job's backend precision ({@link BatchScoring#precision}).
     */
    @Override
    public BatchScoring.Batch newBatch(ComputeBackend backend) {
        return new SkitBatch(this, backend);
    }

    /** A witness with no history for the given per-key bandwidths. */
    HsicWitness newWitness(double sigmaX, double sigmaY) {
        return switch (params.witness()) {
            case RFF -> new RffHsicWitness(featuresX, featuresY, sigmaX, sigmaY, params.forgetting());
            case EXACT -> new ExactHsicWitness(sigmaX, sigmaY, params.dx(), params.dy(), params.maxHistory());
        };
    }

    /** A bettor with wealth 1 and no adaptation yet. */
    Bettor newBettor() {
        return params.bettor().newBettor(params.onsTruncation(), params.agrapaTruncation());
    }

    /**
     * Upper bound of the per-key state size in bytes once burn-in is over (with a half pair held;
     * exact mode at a full history). During burn-in the state holds the buffer instead:
     * {@link SkitMonitor#BASE_BYTES} + 4 + 8·(dx+dy)·buffered + bettor.
     */
    public int steadyStateBytes() {
        int witness = params.witness() == WitnessKind.RFF
                ? RffHsicWitness.bytesFor(params.features(), params.features())
                : ExactHsicWitness.bytesFor(params.maxHistory() / 2 * 2, params.dx(), params.dy());
        return SkitMonitor.BASE_BYTES + 16 + witness + 8 * params.dimension() + newBettor().stateBytes();
    }
}
