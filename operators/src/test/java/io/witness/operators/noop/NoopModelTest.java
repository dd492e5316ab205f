package io.witness.operators.noop;

import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;
import io.witness.operators.monitor.Step;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bench baseline: exactly {@code state-bytes} of state, steps at the configured pace, never an alarm. */
class NoopModelTest {

    private static MonitorFactory factory(Map<String, Object> params) {
        return new NoopMethod().configure(Map.of("x", 3), 0.01, params);
    }

    private static byte[] write(Model m) throws IOException {
        StateOutput out = new StateOutput(m.stateBytes());
        m.writeState(out);
        return out.toByteArray();
    }

    @Test
    void writesAndReadsExactlyTheConfiguredNumberOfStateBytes() throws IOException {
        MonitorFactory f = factory(Map.of("state-bytes", 133_390));
        Model m = f.create();
        for (int i = 0; i < 5; i++) {
            m.update(i, new double[] {1, 2, 3});
        }
        byte[] bytes = write(m);
        assertThat(bytes).hasSize(133_390);
        assertThat(m.stateBytes()).isEqualTo(133_390);
        StateInput in = new StateInput(bytes);
        Model restored = f.restore(in);
        assertThat(in.remaining()).as("the whole state is read back").isZero();
        assertThat(restored.observations()).isEqualTo(5);
        assertThat(write(restored)).isEqualTo(bytes);
    }

    @Test
    void stepsEveryKObservationsAfterTheSilentOnesAndNeverAlarms() {
        Model m = factory(Map.of("step-every", 2, "silent-for", 3)).create();
        List<Long> at = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            Step s = m.update(i, new double[] {0, 0, 0});
            if (s != null) {
                at.add(s.n());
                assertThat(s.alarm()).isFalse();
                assertThat(s.threshold()).isEqualTo(100.0);
            }
        }
        assertThat(at).containsExactly(5L, 7L, 9L, 11L);
    }

    @Test
    void rejectsBadParametersByName() {
        assertThatThrownBy(() -> factory(Map.of("state-bytes", 4)))
                .hasMessage("parameter 'state-bytes' must be in [10, 67108864], got 4");
        assertThatThrownBy(() -> factory(Map.of("step-evry", 2)))
                .hasMessageStartingWith("parameter 'step-evry' unknown parameter");
        assertThatThrownBy(() -> factory(Map.of("step-every", 2)).restore(new StateInput(new byte[] {0, 9})))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown format version 9");
    }
}
