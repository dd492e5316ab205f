package io.witness.operators.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.witness.operators.skit.SkitMethod;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** StateOutput / StateInput write and read exactly the bytes of DataOutputStream / DataInputStream. */
class StateStreamsTest {

    @Test
    void primitivesHaveTheBytesOfDataOutputStream() throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DataOutputStream reference = new DataOutputStream(bos);
        StateOutput fast = new StateOutput(1);   // too small on purpose: must grow
        for (var out : new java.io.DataOutput[] {reference, fast}) {
            out.writeByte(-3);
            out.writeBoolean(true);
            out.writeShort(40000);
            out.writeChar('λ');
            out.writeInt(-7);
            out.writeLong(Long.MIN_VALUE + 5);
            out.writeFloat(1.5f);
            out.writeDouble(-0.0);
            out.writeDouble(Double.NaN);
            out.writeUTF("σx ≥ 0");
            out.write(new byte[] {1, 2, 3}, 1, 2);
        }
        reference.flush();
        assertThat(fast.toByteArray()).isEqualTo(bos.toByteArray());
        assertThat(fast.size()).isEqualTo(bos.size());

        StateInput in = new StateInput(fast.toByteArray());
        assertThat(in.readByte()).isEqualTo((byte) -3);
        assertThat(in.readBoolean()).isTrue();
        assertThat(in.readUnsignedShort()).isEqualTo(40000);
        assertThat(in.readChar()).isEqualTo('λ');
        assertThat(in.readInt()).isEqualTo(-7);
        assertThat(in.readLong()).isEqualTo(Long.MIN_VALUE + 5);
        assertThat(in.readFloat()).isEqualTo(1.5f);
        assertThat(Double.doubleToRawLongBits(in.readDouble())).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(in.readDouble()).isNaN();
        assertThat(in.readUTF()).isEqualTo("σx ≥ 0");
        byte[] two = new byte[2];
        in.readFully(two);
        assertThat(two).containsExactly(2, 3);
        assertThat(in.remaining()).isZero();
        assertThatThrownBy(in::readByte).isInstanceOf(EOFException.class);
    }

    @Test
    void aMonitorStateIsTheSameBytesEitherWayAndRestoresFromThem() throws IOException {
        MonitorFactory factory = SkitMethod.factory(Map.of("x", 2, "y", 1), 0.05, Map.of("features", 16, "burn-in", 20));
        Model m = factory.create();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 301; i++) {   // past burn-in, with a half pair held
            m.update(i, new double[] {r.nextDouble(), r.nextDouble(), r.nextDouble()});
        }
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bos)) {
            m.writeState(out);
        }
        StateOutput fast = new StateOutput(m.stateBytes());
        m.writeState(fast);
        byte[] bytes = fast.toByteArray();
        assertThat(bytes).isEqualTo(bos.toByteArray()).hasSize(m.stateBytes());

        Model restored = factory.restore(new StateInput(bytes));
        StateOutput again = new StateOutput(restored.stateBytes());
        restored.writeState(again);
        assertThat(again.toByteArray()).isEqualTo(bytes);

        assertThatThrownBy(() -> factory.restore(new StateInput(Arrays.copyOf(bytes, bytes.length - 9))))
                .isInstanceOf(EOFException.class);
    }
}
