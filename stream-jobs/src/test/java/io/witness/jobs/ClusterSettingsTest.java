package io.witness.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.junit.jupiter.api.Test;

import io.witness.jobs.config.ConfigException;
import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.PortRange;
import io.witness.jobs.config.WitnessConfig;

/** How a cluster run takes its parallelism and metrics ports (README "Running on a cluster"). */
class ClusterSettingsTest {
    private static WitnessConfig config(String job) {
        return ConfigLoader.parse("""
                job: {%s}
                monitors:
                  - id: m
                    source: {topic: in}
                    fields: {x: [a], y: [b]}
                    method: skit
                """.formatted(job));
    }

    @Test
    void flinksParallelismWinsOverTheConfigsAndTheConfigsAppliesWhenFlinkHasNone() {
        WitnessConfig wc = config("parallelism: 3");
        assertThat(ClusterEntryPoint.withFlinksParallelism(new Configuration(), wc).job().parallelism())
                .as("nothing set on the Flink side").isEqualTo(3);
        Configuration flink = new Configuration();
        flink.set(CoreOptions.DEFAULT_PARALLELISM, 8);   // flink run -p 8, parallelism.default, the operator's job.parallelism
        assertThat(ClusterEntryPoint.withFlinksParallelism(flink, wc).job().parallelism()).isEqualTo(8);
        assertThat(ClusterEntryPoint.withFlinksParallelism(flink, wc).job().name()).isEqualTo(wc.job().name());
    }

    @Test
    void metricsPortIsAPortOrARangeDefaulting9464To9479() {
        assertThat(config("").job().metricsPorts()).isEqualTo(new PortRange(9464, 9479));
        assertThat(config("").job().metricsPort()).isEqualTo(9464);
        assertThat(config("metrics-port: 9500").job().metricsPorts()).isEqualTo(PortRange.single(9500));
        assertThat(config("metrics-port: 9500-9503").job().metricsPorts()).isEqualTo(new PortRange(9500, 9503));
        assertThat(config("metrics-port: 0").job().metricsPorts().off()).isTrue();
        assertThatThrownBy(() -> config("metrics-port: 9503-9500")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("metrics-port");
        assertThatThrownBy(() -> config("metrics-port: http")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("metrics-port").hasMessageContaining("9464-9479");
    }

    @Test
    void aTakenPortMovesTheEndpointToTheNextOneOfTheRange() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            int p = taken.getLocalPort();
            io.witness.jobs.metrics.WitnessMetrics.stopServer();
            try {
                int got = io.witness.jobs.metrics.WitnessMetrics.ensureServer("127.0.0.1", new PortRange(p, Math.min(65535, p + 5)));
                assertThat(got).isBetween(p + 1, p + 5);
            } finally {
                io.witness.jobs.metrics.WitnessMetrics.stopServer();
            }
        }
    }
}
