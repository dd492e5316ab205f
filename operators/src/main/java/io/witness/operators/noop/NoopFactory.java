package io.witness.operators.noop;

import io.witness.operators.monitor.StateShape;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.MonitorFactory;

import java.io.DataInput;
import java.io.IOException;
import java.util.List;

/** A configured {@code noop}: its parameters. Immutable and thread-safe. */
public final class NoopFactory implements MonitorFactory {

    private final int dimension;
    private final double alpha;
    private final int stateBytes;
    private final int stepEvery;
    private final int silentFor;

    NoopFactory(int dimension, double alpha, int stateBytes, int stepEvery, int silentFor) {
        this.dimension = dimension;
        this.alpha = alpha;
        this.stateBytes = stateBytes;
        this.stepEvery = stepEvery;
        this.silentFor = silentFor;
    }

    /** The no-op's state is padding of {@code state-bytes}. */
    @Override
    public StateShape stateShape() {
        return StateShape.of(method(), roles()).integer("state-bytes", stateBytes).build();
    }

    @Override
    public String method() {
        return NoopMethod.NAME;
    }

    @Override
    public List<Role> roles() {
        return List.of(new Role("x", dimension));
    }

    @Override
    public NoopModel create() {
        return new NoopModel(this);
    }

    @Override
    public Model restore(DataInput in) throws IOException {
        NoopModel m = new NoopModel(this);
        m.readState(in);
        return m;
    }

    int stateBytes() {
        return stateBytes;
    }

    int stepEvery() {
        return stepEvery;
    }

    int silentFor() {
        return silentFor;
    }

    double threshold() {
        return 1.0 / alpha;
    }
}
