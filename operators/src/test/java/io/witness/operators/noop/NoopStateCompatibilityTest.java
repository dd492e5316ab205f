package io.witness.operators.noop;

import static org.assertj.core.api.Assertions.assertThat;

import io.witness.operators.monitor.GoldenState;
import io.witness.operators.monitor.GoldenState.Input;
import io.witness.operators.monitor.Step;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Old savepoints must restore: a noop state of format version 1 (while silent, 48 bytes) is the golden file
 * {@code src/test/resources/state/noop-v1.b64}; this build must still write it and restore it into a model
 * that continues like an uninterrupted one ({@link GoldenState}).
 */
class NoopStateCompatibilityTest {

    @Test
    void version1StateIsStillWrittenAndRestoresIntoTheSameModel() throws IOException {
        NoopFactory f = new NoopMethod().configure(Map.of("x", 2), 0.01,
                Map.of("state-bytes", 48, "step-every", 3, "silent-for", 7));
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            inputs.add(new Input(1_700_000_000_000L + 1000L * i, null, new double[] {i, -i}));
        }
        List<Step> steps = GoldenState.assertWrittenAndContinues("noop-v1.b64", f, inputs, 5);
        assertThat(steps.stream().filter(Objects::nonNull).map(Step::n)).containsExactly(10L, 13L, 16L, 19L);
    }
}
