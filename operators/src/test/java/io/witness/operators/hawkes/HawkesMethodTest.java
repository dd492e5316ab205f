package io.witness.operators.hawkes;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parameter validation of {@code method: hawkes}: defaults, durations, and one-line errors naming the parameter. */
class HawkesMethodTest {

    @Test
    void defaults() {
        HawkesSettings s = HawkesMethod.parse(0.01, Map.of());
        assertThat(s.kernel()).isEqualTo(KernelFamily.TRUNCATED_GAUSSIAN);
        assertThat(s.binMillis()).isEqualTo(1000);
        assertThat(s.supportBins()).isEqualTo(30);
        assertThat(s.maxTypes()).isEqualTo(8);
        assertThat(s.refitIntervalMillis()).isEqualTo(60_000);
        assertThat(s.halfLifeMillis()).isEqualTo(1_800_000);
        assertThat(s.maxLatenessMillis()).isEqualTo(30_000);
        assertThat(s.lateBins()).isEqualTo(31);
        assertThat(s.gammaPerBin()).isEqualTo(Math.pow(2, -1.0 / 1800));
        assertThat(new HawkesMethod().usesEventType()).isTrue();
        assertThat(new HawkesMethod().roleNames()).isEmpty();
    }

    @Test
    void durationsAndKernels() {
        HawkesSettings s = HawkesMethod.parse(0.01, Map.of("bin", "250ms", "support", "5s", "half-life", 0,
                "kernel", "raised-cosine", "refit-interval", "30s"));
        assertThat(s.binMillis()).isEqualTo(250);
        assertThat(s.supportBins()).isEqualTo(20);
        assertThat(s.gammaPerBin()).isEqualTo(1.0);
        assertThat(s.kernel()).isEqualTo(KernelFamily.RAISED_COSINE);
        assertThat(s.refitIntervalMillis()).isEqualTo(30_000);
    }

    @Test
    void errorsNameTheParameter() {
        assertThatThrownBy(() -> HawkesMethod.parse(0.01, Map.of("support", "2500ms")))
                .hasMessageContaining("'support'").hasMessageContaining("multiple of bin");
        assertThatThrownBy(() -> HawkesMethod.parse(0.01, Map.of("bin", "10ms", "support", "10s")))
                .hasMessageContaining("'support'").hasMessageContaining("1000 bins");
        assertThatThrownBy(() -> HawkesMethod.parse(0.01, Map.of("bin", "soon")))
                .hasMessageContaining("'bin'").hasMessageContaining("duration");
        assertThatThrownBy(() -> HawkesMethod.parse(0.01, Map.of("kernel", "gaussian")))
                .hasMessageContaining("'kernel'").hasMessageContaining("truncated-gaussian");
        assertThatThrownBy(() -> HawkesMethod.parse(0.01, Map.of("max-types", 40)))
                .hasMessageContaining("'max-types'");
        assertThatThrownBy(() -> HawkesMethod.parse(0.01, Map.of("gof-window", 5)))
                .hasMessageContaining("'gof-window'");
        assertThatThrownBy(() -> HawkesMethod.parse(0.01, Map.of("edge-treshold", 0.3)))
                .hasMessageContaining("'edge-treshold'").hasMessageContaining("unknown");
    }
}
