package io.witness.operators.skit;

import io.witness.operators.monitor.Monitor;
import io.witness.operators.monitor.MonitorFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Write/restore helpers for the state tests: the same DataOutput/DataInput path Flink state uses. */
final class SkitStateBytes {

    private SkitStateBytes() {
    }

    static byte[] write(Monitor m) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                m.writeState(out);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Monitor restore(MonitorFactory factory, byte[] state) throws IOException {
        return factory.restore(new DataInputStream(new ByteArrayInputStream(state)));
    }
}
