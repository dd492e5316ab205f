package io.witness.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.witness.operators.monitor.Durations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.witness.operators.compute.Precision;

/** A valid configuration parses into exactly what it says, and what it leaves out takes the documented defaults. */
class ConfigLoaderDefaultsTest {

    private static final String FULL = """
            kafka:
              bootstrap-servers: broker-1:9092,broker-2:9092
              properties:
                security.protocol: SASL_SSL
                sasl.jaas.config: secret-stuff
            job:
              name: prod-witness
              parallelism: 4
              checkpoint-interval: 30s
              checkpoint-dir: file:///var/witness/chk
              state-dir: /var/witness/rocksdb
              allowed-lateness: 2m
              max-record-bytes: 4096
              dedupe-window: 8
              metrics-port: 0
              transactional-id-prefix: tx-prod
              consumer-group: cg-prod
              start-from: latest
              stop-at-latest: true
              backend: CPU
              backend-precision: float
              batch: {max-items: 1000, max-delay: 2s}
            defaults:
              alerts-topic: ops.alerts
              format: avro
              alpha: 0.01
              update-interval: 5m
            monitors:
              - id: lat-err
                source: {topic: svc.metrics}
                key: source
                fields:
                  x: [latency_ms, 'emb[3]']   # quoted: [ ] are YAML flow syntax
                  y: error_rate
                method: skit
                alpha: 0.02
                params: {bettor: agrapa, features: 16, bandwidth-x: 1.5, bandwidth-y: 0.5}
                outputs: {evidence: ops.evidence, dead-letters: ops.dlq}
                alert: {update-interval: 30s}
                evidence-every: 10
              - id: q-drops
                source: {topic: svc.metrics}
                fields: {x: [queue_depth], y: [drop_rate]}
                method: skit
            """;

    private static final String MINIMAL = """
            monitors:
              - id: m1
                source: {topic: events}
                fields: {x: [a], y: [b]}
                method: skit
            """;

    @Test
    void fullConfigParsesEveryKey() {
        WitnessConfig c = ConfigLoader.parse(FULL);

        assertThat(c.kafka().bootstrapServers()).isEqualTo("broker-1:9092,broker-2:9092");
        assertThat(c.kafka().properties()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(c.kafka().maskedProperties()).containsEntry("sasl.jaas.config", "******");

        JobSettings j = c.job();
        assertThat(j.name()).isEqualTo("prod-witness");
        assertThat(j.parallelism()).isEqualTo(4);
        assertThat(j.checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(j.checkpointDir()).isEqualTo("file:///var/witness/chk");
        assertThat(j.stateDir()).isEqualTo("/var/witness/rocksdb");
        assertThat(j.allowedLateness()).isEqualTo(Duration.ofMinutes(2));
        assertThat(j.maxRecordBytes()).isEqualTo(4096);
        assertThat(j.dedupeWindow()).isEqualTo(8);
        assertThat(j.metricsPort()).isZero();
        assertThat(j.transactionalIdPrefix()).isEqualTo("tx-prod");
        assertThat(j.consumerGroup()).isEqualTo("cg-prod");
        assertThat(j.startFrom()).isEqualTo("latest");
        assertThat(j.stopAtLatest()).isTrue();
        assertThat(j.compute()).isEqualTo(new ComputeSettings("cpu", Precision.FLOAT, 1000, Duration.ofSeconds(2)));

        MonitorConfig m = c.monitor("lat-err");
        assertThat(m.topic()).isEqualTo("svc.metrics");
        assertThat(m.format()).isEqualTo(WireFormat.AVRO);            // from defaults.format
        assertThat(m.keyField()).isEqualTo(KeyField.SOURCE);
        assertThat(m.roles()).containsOnlyKeys("x", "y");
        assertThat(m.roles().get("x")).containsExactly(new FieldSpec("latency_ms", 1, false), new FieldSpec("emb", 3, true));
        assertThat(m.roles().get("y")).containsExactly(new FieldSpec("error_rate", 1, false));
        assertThat(m.method()).isEqualTo("skit");
        assertThat(m.params()).containsExactly(entry("bettor", "agrapa"), entry("features", 16L),
                entry("bandwidth-x", 1.5), entry("bandwidth-y", 0.5));      // file order, typed scalars
        assertThat(m.alpha()).isEqualTo(0.02);                       // the monitor's own alpha wins
        assertThat(m.alertsTopic()).isEqualTo("ops.alerts");          // from defaults.alerts-topic
        assertThat(m.evidenceTopic()).isEqualTo("ops.evidence");
        assertThat(m.deadLetterTopic()).isEqualTo("ops.dlq");
        assertThat(m.updateInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(m.evidenceEvery()).isEqualTo(10);
        assertThat(m.inputFields()).extracting(FieldSpec::toString).containsExactly("latency_ms", "emb[3]", "error_rate");

        MonitorConfig q = c.monitor("q-drops");
        assertThat(q.alpha()).isEqualTo(0.01);                        // defaults.alpha
        assertThat(q.updateInterval()).isEqualTo(Duration.ofMinutes(5)); // defaults.update-interval
        assertThat(q.keyField()).isEqualTo(KeyField.KEY);
        assertThat(q.evidenceTopic()).isEqualTo("witness.evidence");
        assertThat(q.deadLetterTopic()).isEqualTo("witness.dead-letters");
        assertThat(q.evidenceEvery()).isEqualTo(1);

        assertThat(c.sourceTopics()).containsExactly("svc.metrics");
        assertThat(c.outputTopics()).containsExactly("ops.alerts", "ops.evidence", "ops.dlq", "witness.evidence",
                "witness.dead-letters");
    }

    @Test
    void omittedKeysTakeTheDocumentedDefaults() {
        WitnessConfig c = ConfigLoader.parse(MINIMAL);

        assertThat(c.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(c.kafka().properties()).isEmpty();
        JobSettings j = c.job();
        assertThat(j.name()).isEqualTo("witness");
        assertThat(j.parallelism()).isEqualTo(1);
        assertThat(j.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(j.checkpointDir()).isNull();
        assertThat(j.stateDir()).isNull();
        assertThat(j.allowedLateness()).isEqualTo(Duration.ofSeconds(30));
        assertThat(j.maxRecordBytes()).isEqualTo(1 << 20);
        assertThat(j.dedupeWindow()).isEqualTo(16);
        assertThat(j.metricsPort()).isEqualTo(9464);
        assertThat(j.transactionalIdPrefix()).isEqualTo("witness");   // = job name
        assertThat(j.consumerGroup()).isEqualTo("witness");           // = job name
        assertThat(j.startFrom()).isEqualTo("earliest");
        assertThat(j.stopAtLatest()).isFalse();
        assertThat(j.compute()).isEqualTo(new ComputeSettings("auto", Precision.DOUBLE, 256, Duration.ofMillis(50)));
        assertThat(j.compute().unbatched()).isFalse();

        MonitorConfig m = c.monitors().get(0);
        assertThat(m.format()).isEqualTo(WireFormat.JSON);
        assertThat(m.keyField()).isEqualTo(KeyField.KEY);
        assertThat(m.alpha()).isEqualTo(0.05);
        assertThat(m.params()).isEmpty();
        assertThat(m.alertsTopic()).isEqualTo("witness.alerts");
        assertThat(m.evidenceTopic()).isEqualTo("witness.evidence");
        assertThat(m.deadLetterTopic()).isEqualTo("witness.dead-letters");
        assertThat(m.updateInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(m.evidenceEvery()).isEqualTo(1);
    }

    @Test
    void bundledDemoConfigLoads() throws IOException {
        String yaml;
        try (InputStream in = getClass().getResourceAsStream("/demo/monitors.yaml")) {
            assertThat(in).as("demo/monitors.yaml on the classpath").isNotNull();
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        WitnessConfig c = ConfigLoader.parse(yaml);

        assertThat(c.job().name()).isEqualTo("witness-demo");
        assertThat(c.monitors()).extracting(MonitorConfig::id)
                .containsExactly("latency-errors", "queue-drops", "cpu-fit", "resource-drift", "cascades");
        assertThat(c.monitor("cpu-fit").method()).isEqualTo("ksd");
        assertThat(c.monitor("resource-drift").method()).isEqualTo("mmd-betting");
        assertThat(c.monitors().subList(0, 2)).allSatisfy(m -> {
            assertThat(m.method()).isEqualTo("skit");
            assertThat(m.alpha()).isEqualTo(0.01);
            assertThat(m.topic()).isEqualTo("witness.demo.events");
        });
        MonitorConfig cascades = c.monitor("cascades");
        assertThat(cascades.method()).isEqualTo("hawkes");
        assertThat(cascades.topic()).isEqualTo("witness.demo.errors");
        assertThat(cascades.typeField()).isEqualTo(KeyField.TYPE);
        assertThat(c.monitor("latency-errors").inputFields()).extracting(FieldSpec::name)
                .containsExactly("latency_ms", "error_rate");
    }

    @Test
    void loadReadsAFileAndNamesAMissingOne(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("monitors.yaml");
        Files.writeString(f, MINIMAL);
        assertThat(ConfigLoader.load(f).monitors()).hasSize(1);

        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config file " + missing + " does not exist");
    }

    @Test
    void durationsParseEveryUnitAndFormatBack() {
        assertThat(List.of("250ms", "30s", "5m", "2h", "1d", "1500", " 7 S "))
                .extracting(Durations::parse)
                .containsExactly(Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofMinutes(5),
                        Duration.ofHours(2), Duration.ofDays(1), Duration.ofMillis(1500), Duration.ofSeconds(7));
        assertThat(List.of(Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofMinutes(90), Duration.ZERO))
                .extracting(Durations::format)
                .containsExactly("250ms", "30s", "90m", "0ms");
    }
}
