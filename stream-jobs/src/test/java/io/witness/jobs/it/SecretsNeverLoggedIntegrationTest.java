package io.witness.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.witness.jobs.cli.WitnessCli;
import io.witness.jobs.kafka.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code witness run} with its Kafka settings from a file through Kafka's {@code FileConfigProvider}, on a
 * real broker and a MiniCluster: the bootstrap servers come from the file (so the job only reaches the
 * broker if resolution worked), and so do a JAAS config and a key password. Neither secret may appear in
 * anything the run prints or logs — Witness's own lines, Flink's, and the Kafka clients' config dumps,
 * captured at INFO.
 */
class SecretsNeverLoggedIntegrationTest {
    private static final String JAAS_SECRET = "jaas-secret-value-4b1e9a";
    private static final String KEY_PASSWORD = "key-password-value-77c3d0";

    @TempDir
    Path tmp;

    @Test
    void resolvedSecretsReachTheClientsButNeverAPrintOrALog() throws Exception {
        String previousTmpDir = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", Files.createDirectories(tmp.resolve("java-tmp")).toString());
        StringWriter logs = new StringWriter();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        WriterAppender capture = WriterAppender.createAppender(PatternLayout.newBuilder().withPattern("%c - %m%n").build(),
                null, logs, "secrets-capture", false, true);
        capture.start();
        LoggerConfig root = ctx.getConfiguration().getRootLogger();
        Map<String, Level> levels = Map.of("io.witness", Level.INFO, "org.apache.flink", Level.INFO,
                "org.apache.kafka.clients", Level.INFO, "org.apache.kafka.common.config", Level.INFO);
        Map<String, Level> before = new java.util.HashMap<>();
        levels.keySet().forEach(n -> before.put(n, ctx.getConfiguration().getLoggerConfig(n).getLevel()));
        root.addAppender(capture, Level.ALL, null);
        levels.keySet().forEach(n -> {
            LoggerConfig lc = ctx.getConfiguration().getLoggerConfig(n);
            if (lc != root) {
                lc.addAppender(capture, Level.ALL, null);
            }
        });
        Configurator.setLevel(levels);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit;
        String topic = "secrets.events";
        String evidence = "secrets.evidence";
        try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"))) {
            kafka.createTopics(1, topic, "secrets.alerts", evidence, "secrets.dead-letters");
            ItKafka io = new ItKafka(kafka.bootstrapServers());
            io.produce(topic, ItScenario.lines(5L, 60));
            Path secrets = tmp.resolve("kafka-secrets.properties");
            Files.writeString(secrets, "bootstrap=" + kafka.bootstrapServers() + "\njaas=" + JAAS_SECRET
                    + "\nkeypw=" + KEY_PASSWORD + "\n");
            String yaml = ItScenario.config("${file:" + secrets + ":bootstrap}", "witness-it-secrets", topic,
                            "secrets.alerts", evidence, "secrets.dead-letters")
                    .replace("  checkpoint-interval: 1s\n", "  checkpoint-interval: 1s\n  stop-at-latest: true\n")
                    .replace("kafka:\n", "config.providers: file\n"
                            + "config.providers.file.class: org.apache.kafka.common.config.provider.FileConfigProvider\n"
                            + "kafka:\n  properties:\n    sasl.jaas.config: ${file:" + secrets + ":jaas}\n");
            Path config = tmp.resolve("monitors.yaml");
            Files.writeString(config, yaml);
            PrintStream capturePrinted = new PrintStream(printed, true, StandardCharsets.UTF_8);
            System.setOut(capturePrinted);
            System.setErr(capturePrinted);
            try {
                exit = WitnessCli.execute("run", "-c", config.toString(), "--data-dir", tmp.resolve("data").toString(),
                        "-P", "ssl.key.password=${file:" + secrets + ":keypw}");
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
            assertThat(exit).as("run exit code; printed:\n" + printed).isZero();
            assertThat(io.readCommitted(evidence)).as("the job reached the broker named in the file").isNotEmpty();
        } finally {
            root.removeAppender(capture.getName());
            levels.keySet().forEach(n -> ctx.getConfiguration().getLoggerConfig(n).removeAppender(capture.getName()));
            Configurator.setLevel(before);
            capture.stop();
            System.setProperty("java.io.tmpdir", previousTmpDir);
        }
        String everything = printed + "\n" + logs;
        assertThat(logs.toString()).as("the capture saw the Kafka clients' config dumps")
                .contains("ProducerConfig values").contains("sasl.jaas.config");
        assertThat(everything).doesNotContain(JAAS_SECRET).doesNotContain(KEY_PASSWORD);
        System.out.printf("checked %d characters of output and logs: no secret%n", everything.length());
    }
}
