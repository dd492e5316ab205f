package io.witness.operators.skit;

import io.witness.operators.bettors.Bettor;
import io.witness.operators.bettors.BettorKind;
import io.witness.operators.monitor.StateShape;
import io.witness.operators.kernel.GaussianSampler;
import io.witness.operators.kernel.RandomFourierFeatures;
import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.monitor.BatchScoring;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.MonitorFactory;

import java.io.DataInput;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A configured SKIT: validated parameters plus the random-feature frequencies, drawn once from
 * {@code seed} (x's D×dx standard normals first, then y's D×dy) and shared, read-only, by every key.
 * Only the bandwidths are per key. Thread-safe.
 *
 * <p>A restored state keeps the shape it was written with ({@link SkitStateShape}); the frequencies of
 * a shape other than the configured one (say D = 64 of a version-1 state, under a configured D = 16)
 * are drawn from that shape's seed on first use and then shared by every key of that shape.
 */
public final class SkitFactory implements MonitorFactory, BatchScoring {

    /** The frequencies of one (seed, D): x side and y side. */
    record Frequencies(RandomFourierFeatures x, RandomFourierFeatures y) {
    }

    private record FrequencyKey(long seed, int features) {
    }

    private final SkitParameters params;
    private final SkitStateShape shape;
    private final Frequencies configured;
    private final Map<FrequencyKey, Frequencies> others = new ConcurrentHashMap<>();

    public SkitFactory(SkitParameters params) {
        this.params = params;
        this.shape = params.shape();
        this.configured = params.witness().randomFeatures() ? draw(params.seed(), params.features()) : null;
    }

    private Frequencies draw(long seed, int features) {
        GaussianSampler sampler = new GaussianSampler(seed);
        RandomFourierFeatures x = new RandomFourierFeatures(params.dx(), features, sampler);
        RandomFourierFeatures y = new RandomFourierFeatures(params.dy(), features, sampler);
        return new Frequencies(x, y);
    }

    /** The frequencies of a random-feature shape. */
    Frequencies frequencies(SkitStateShape s) {
        if (configured != null && s.seed() == shape.seed() && s.features() == shape.features()) {
            return configured;
        }
        return others.computeIfAbsent(new FrequencyKey(s.seed(), s.features()), k -> draw(k.seed(), k.features()));
    }

    public SkitParameters parameters() {
        return params;
    }

    /** The shape of a key that starts now. */
    SkitStateShape shape() {
        return shape;
    }

    /** The configured x-side random features, shared by every key of the configured shape (null for exact). */
    RandomFourierFeatures featuresX() {
        return configured == null ? null : configured.x();
    }

    /** The configured y-side random features (null for the exact witness). */
    RandomFourierFeatures featuresY() {
        return configured == null ? null : configured.y();
    }

    /**
     * SKIT's state: the witness (rff / joint: D or J feature means per side, float or double, drawn from
     * the seed; exact: a pair history of max-history) and the bettor's fields. Truncations, forgetting, burn-in and bandwidths
     * (kept per key) only steer.
     */
    @Override
    public StateShape stateShape() {
        StateShape.Builder b = StateShape.of(method(), roles()).choice("witness", params.witness());
        if (params.witness() == WitnessKind.EXACT) {
            b.integer("max-history", params.maxHistory());
        } else {   // rff and joint: D (or J) feature means of the given precision, frequencies from the seed
            b.integer("features", params.features()).choice("precision", params.precision()).integer("seed", params.seed());
        }
        return b.choice("bettor", params.bettor()).build();
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
    public SkitModel create() {
        return new SkitModel(this, shape);
    }

    /** Reads the version, then the shape (version 2 carries it; version 1 is the configured one of then). */
    @Override
    public Model restore(DataInput in) throws IOException {
        short version = in.readShort();
        SkitStateShape s = switch (version) {
            case 1 -> params.version1Shape();
            case SkitModel.FORMAT_VERSION -> SkitStateShape.read(in, params.dx(), params.dy());
            default -> throw new IOException("SKIT state: unknown format version " + version
                    + " (this build reads versions 1 to " + SkitModel.FORMAT_VERSION + ")");
        };
        SkitModel m = new SkitModel(this, s);
        m.readBody(in);
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

    /** A witness of the given shape with no history for the given per-key bandwidths. */
    HsicWitness newWitness(SkitStateShape s, double sigmaX, double sigmaY) {
        return switch (s.witness()) {
            case RFF -> {
                Frequencies f = frequencies(s);
                yield new RffHsicWitness(f.x(), f.y(), sigmaX, sigmaY, params.forgetting(), s.precision());
            }
            case JOINT -> {
                Frequencies f = frequencies(s);
                yield new JointRffHsicWitness(f.x(), f.y(), sigmaX, sigmaY, params.forgetting(), s.precision());
            }
            case EXACT -> new ExactHsicWitness(sigmaX, sigmaY, params.dx(), params.dy(), params.maxHistory());
        };
    }

    /** A bettor of the given kind with wealth 1 and no adaptation yet. */
    Bettor newBettor(BettorKind kind) {
        return kind.newBettor(params.onsTruncation(), params.agrapaTruncation());
    }

    /**
     * Upper bound of the per-key state size in bytes of a key that starts now, once burn-in is over
     * (with a half pair held; exact mode at a full history). During burn-in the state holds the buffer
     * instead: {@link SkitModel#BASE_BYTES} + 4 + 8·(dx+dy)·buffered + bettor.
     */
    public int steadyStateBytes() {
        return SkitModel.BASE_BYTES + 16 + shape.witnessBytes(params.dx(), params.dy(), params.maxHistory())
                + 8 * params.dimension() + newBettor(shape.bettor()).stateBytes();
    }
}
