package io.witness.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code job.state-cache}: its values, and the budget {@code auto} gives a subtask. */
class StateCacheSettingsTest {

    private static long parsed(String value) {
        return ConfigLoader.parse("job: {state-cache: " + value + "}\nmonitors:\n  - id: m\n    source: {topic: t}\n"
                + "    fields: {x: [x], y: [y]}\n    method: skit\n").job().compute().stateCacheBytes();
    }

    @Test
    void valuesAreAutoOffOrASize() {
        assertThat(ConfigLoader.parse("monitors:\n  - id: m\n    source: {topic: t}\n    fields: {x: [x], y: [y]}\n"
                + "    method: skit\n").job().compute().stateCacheBytes()).as("default").isEqualTo(ComputeSettings.STATE_CACHE_AUTO);
        assertThat(parsed("auto")).isEqualTo(ComputeSettings.STATE_CACHE_AUTO);
        assertThat(parsed("off")).isZero();
        assertThat(parsed("0")).isZero();
        assertThat(parsed("512mb")).isEqualTo(512L << 20);
        assertThat(parsed("2gb")).isEqualTo(2L << 30);
        assertThat(parsed("64kb")).isEqualTo(64L << 10);
        assertThat(parsed("100000")).isEqualTo(100_000L);
    }

    @Test
    void autoIsAQuarterOfTheHeapSharedByTheSlots() {
        ComputeSettings auto = ComputeSettings.defaults();
        assertThat(auto.stateCacheBudget(4L << 30, 1)).isEqualTo(1L << 30);
        assertThat(auto.stateCacheBudget(4L << 30, 4)).isEqualTo(256L << 20);
        assertThat(auto.withStateCache(0).stateCacheBudget(4L << 30, 1)).as("off").isZero();
        assertThat(auto.withStateCache(123).stateCacheBudget(4L << 30, 8)).as("a size is per subtask").isEqualTo(123);
    }
}
