package io.witness.jobs.config;

import io.witness.jobs.core.BoundMonitor;
import io.witness.operators.hawkes.HawkesFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A {@code hawkes} monitor in the YAML: no fields, the event type from {@code type-field}, one-line errors. */
class HawkesConfigTest {

    private static WitnessConfig parse(String monitor) {
        return ConfigLoader.parse("monitors:\n  - id: h\n    source: {topic: errors}\n    method: hawkes\n" + monitor);
    }

    @Test
    void defaultsReadTheTypeAttribute() {
        MonitorConfig m = parse("").monitor("h");
        assertThat(m.typeField()).isEqualTo(KeyField.TYPE);
        assertThat(m.keyField()).isEqualTo(KeyField.KEY);
        assertThat(m.roles()).isEmpty();
        assertThat(BoundMonitor.bind(m).factory()).isInstanceOf(HawkesFactory.class);
        assertThat(BoundMonitor.bind(m).factory().maxLatenessMillis()).isEqualTo(30_000);
    }

    @Test
    void anotherAttributeCanBeTheType() {
        MonitorConfig m = parse("    key: type\n    type-field: source\n    params: {support: 10s, max-types: 4}\n").monitor("h");
        assertThat(m.typeField()).isEqualTo(KeyField.SOURCE);
        assertThat(m.keyField()).isEqualTo(KeyField.TYPE);
    }

    @Test
    void errorsAreOneLineNamingTheField() {
        assertThatThrownBy(() -> parse("    fields: {x: [a]}\n")).isInstanceOf(ConfigException.class)
                .hasMessage("monitor 'h': field 'fields': hawkes reads no fields (each event's type is its input): remove 'fields'");
        assertThatThrownBy(() -> parse("    key: type\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("field 'type-field': must differ from 'key'");
        assertThatThrownBy(() -> parse("    params: {support: 3s, bin: 2s}\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("field 'params': parameter 'support' must be a positive multiple of bin");
        assertThatThrownBy(() -> ConfigLoader.parse("monitors:\n  - id: s\n    source: {topic: t}\n    fields: {x: [a], y: [b]}\n"
                + "    method: skit\n    type-field: type\n")).isInstanceOf(ConfigException.class)
                .hasMessage("monitor 's': field 'type-field': is only for methods that read event types, not skit");
    }
}
