package io.witness.operators.mmd;

import io.witness.operators.monitor.StateShape;
import io.witness.operators.kernel.FeatureMap;
import io.witness.operators.kernel.features.FeatureCoupling;
import io.witness.operators.kernel.features.RandomFeatures;
import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.bettors.Bettor;

import java.io.DataInput;
import java.io.IOException;
import java.util.List;

/**
 * A configured {@code mmd-betting} monitor: parameters plus the orthogonal random-feature frequencies
 * (drawn once from {@code seed}, shared read-only by every key). Immutable and thread-safe.
 */
public final class MmdBettingFactory implements MonitorFactory {

    private final MmdBettingParameters params;
    private final RandomFeatures features;

    public MmdBettingFactory(MmdBettingParameters params) {
        this.params = params;
        this.features = RandomFeatures.draw(FeatureCoupling.ORTHOGONAL, FeatureMap.Form.TRIGONOMETRIC, params.d(),
                params.projections(), params.seed());
    }

    public MmdBettingParameters parameters() {
        return params;
    }

    RandomFeatures features() {
        return features;
    }

    /**
     * The MMD bettor's state: the reference pool, the random-feature witness (D features from the seed),
     * the per-bet batch and the bettor's fields. The bandwidth is chosen per key and stored with it.
     */
    @Override
    public StateShape stateShape() {
        return StateShape.of(method(), roles())
                .integer("reference-size", params.referenceSize())
                .integer("events-per-bet", params.eventsPerBet())
                .integer("features", params.projections())
                .integer("seed", params.seed())
                .choice("bettor", params.bettor())
                .build();
    }

    @Override
    public String method() {
        return MmdBettingMethod.NAME;
    }

    @Override
    public List<Role> roles() {
        return List.of(new Role("x", params.d()));
    }

    @Override
    public MmdBettingModel create() {
        return new MmdBettingModel(this);
    }

    @Override
    public MmdBettingModel restore(DataInput in) throws IOException {
        MmdBettingModel m = new MmdBettingModel(this);
        m.readState(in);
        return m;
    }

    Bettor newBettor() {
        return params.bettor().newBettor(params.onsTruncation(), params.agrapaTruncation());
    }

    /** Largest per-key state: at the end of the reference phase (N·d doubles buffered) or just after it. */
    public int maxStateBytes() {
        return MmdBettingModel.maxBytes(this);
    }
}
