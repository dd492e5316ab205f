package io.witness.operators.hawkes;

import io.witness.operators.monitor.StateShape;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.MonitorFactory;

import java.io.DataInput;
import java.io.IOException;
import java.util.List;

/** A configured {@code hawkes} monitor: validated settings, shared read-only by every key. */
public final class HawkesFactory implements MonitorFactory {
    private final HawkesSettings settings;

    public HawkesFactory(HawkesSettings settings) {
        this.settings = settings;
    }

    public HawkesSettings settings() {
        return settings;
    }

    /**
     * Hawkes's state: per-type sufficient statistics on the bin grid (bin, support in bins, the late
     * ring of max-lateness), parameters per kernel family, at most max-types types, and the residual
     * window. Refit schedule, learning rate, half-life and alarm thresholds only steer.
     */
    @Override
    public StateShape stateShape() {
        return StateShape.of(method(), roles())
                .choice("kernel", settings.kernel())
                .millis("bin", settings.binMillis())
                .integer("support bins", settings.supportBins())
                .integer("max-types", settings.maxTypes())
                .millis("max-lateness", settings.maxLatenessMillis())
                .integer("gof-window", settings.gofWindow())
                .build();
    }

    @Override
    public String method() {
        return HawkesMethod.NAME;
    }

    /** No numeric inputs: the event type is the dimension. */
    @Override
    public List<Role> roles() {
        return List.of();
    }

    @Override
    public long maxLatenessMillis() {
        return settings.maxLatenessMillis();
    }

    @Override
    public HawkesModel create() {
        return new HawkesModel(settings);
    }

    @Override
    public Model restore(DataInput in) throws IOException {
        return HawkesModel.read(settings, in);
    }

    /**
     * Largest per-key state in bytes, reached with {@code max-types + 1} dimensions, a full residual
     * window and type names of {@code n} bytes each: see {@link HawkesModel} for the layout.
     */
    public long maxStateBytes(int typeNameBytes) {
        return HawkesModel.stateBytesFor(settings, settings.maxDimensions(), typeNameBytes, settings.gofWindow());
    }
}
