package io.witness.operators.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.time.Duration;

class DurationsTest {

    @Test
    void unitsAndPlainMilliseconds() {
        assertThat(Durations.parse("250")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse(" 30 S ")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
    }

    @Test
    void oneLineErrors() {
        assertThatThrownBy(() -> Durations.parse("5 minutes"))
                .hasMessage("expected a duration like 250ms, 30s, 5m, 2h, got '5 minutes'");
        assertThatThrownBy(() -> Durations.parse("99999999999999999999d")).hasMessage("'99999999999999999999d' is too large");
        assertThatThrownBy(() -> Durations.parse("9999999999999d")).hasMessage("'9999999999999d' is too large");
    }
}
