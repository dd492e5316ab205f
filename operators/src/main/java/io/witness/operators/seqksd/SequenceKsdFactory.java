package io.witness.operators.seqksd;

import io.witness.operators.monitor.StateShape;
import io.witness.operators.monitor.MonitorFactory;

import java.io.DataInput;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A configured {@code sequence-ksd} monitor. Immutable and thread-safe. */
public final class SequenceKsdFactory implements MonitorFactory {

    private final SequenceKsdParameters params;
    private final Map<String, Integer> codes = new HashMap<>();
    private final SequenceKsd test;

    public SequenceKsdFactory(SequenceKsdParameters params) {
        this.params = params;
        for (int i = 0; i < params.alphabet().size(); i++) {
            codes.put(params.alphabet().get(i), i);
        }
        this.test = new SequenceKsd(params.neighbourhood(), params.balance(), params.kernel(), params.draws());
    }

    public SequenceKsdParameters parameters() {
        return params;
    }

    SequenceKsd test() {
        return test;
    }

    /**
     * The sequence test's state: per-symbol counts of the alphabet (its order gives the codes), the end
     * type, sessions up to max-length in a window, and the reference count.
     */
    @Override
    public StateShape stateShape() {
        return StateShape.of(method(), roles())
                .text("alphabet", String.join(",", params.alphabet()))
                .integer("end-type", params.endType())
                .integer("max-length", params.maxLength())
                .integer("window", params.window())
                .integer("reference-sessions", params.referenceSessions())
                .build();
    }

    @Override
    public String method() {
        return SequenceKsdMethod.NAME;
    }

    @Override
    public List<Role> roles() {
        return List.of();
    }

    /**
     * The symbol of an event type: its index in the alphabet; any other type (or none) is "other", the
     * last symbol. A pure function of the configuration, so per-key state stores symbols, never names.
     */
    public int symbol(String type) {
        Integer code = type == null ? null : codes.get(type);
        return code == null ? params.alphabet().size() : code;
    }

    @Override
    public SequenceKsdModel create() {
        return new SequenceKsdModel(this);
    }

    @Override
    public SequenceKsdModel restore(DataInput in) throws IOException {
        SequenceKsdModel m = new SequenceKsdModel(this);
        m.readState(in);
        return m;
    }

    /** Upper bound of the per-key state. */
    public int maxStateBytes() {
        return SequenceKsdModel.maxBytes(params);
    }
}
