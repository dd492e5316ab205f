package io.witness.operators.skit;

import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Write/restore helpers for the state tests: the same StateOutput/StateInput path the Flink adapter uses. */
final class SkitStateBytes {

    private SkitStateBytes() {
    }

    static byte[] write(Model m) {
        try {
            StateOutput out = new StateOutput(m.stateBytes());
            m.writeState(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Model restore(MonitorFactory factory, byte[] state) throws IOException {
        return factory.restore(new StateInput(state));
    }
}
