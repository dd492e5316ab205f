package io.witness.jobs.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.witness.jobs.deploy.DeployFiles;

/**
 * The cluster-side logging config, {@code deploy/flink/log4j-console.properties}: log4j parses it without a
 * complaint, and a JVM that runs with it as its only config logs what an operator needs (Witness's lines, the
 * rate-limited dead-letter lines, Flink's INFO, Kafka's warnings) and not the noise (Kafka's INFO config dumps,
 * duplicate-metric warnings), with the Kafka committer's expected fencing at INFO and its meaning appended
 * while the committer's other errors stay ERROR, on the console and in the file at {@code log.file}.
 */
class ClusterLogConfigTest {
    static final Path CONFIG = DeployFiles.DEPLOY.resolve("flink/log4j-console.properties");
    private static final String NOTE = "[witness: expected when a restore re-commits a transaction that the previous "
            + "attempt already committed; nothing is lost (README: Operations, Restarts)]";

    /** Logs one line of each kind, as the libraries write them. */
    public static void main(String[] args) {
        LoggerFactory.getLogger("io.witness.jobs.core.DeadLetters").warn("dead letter MALFORMED from in/0@7: not valid JSON "
                + "[12 more dead letters since the last line; see witness_dead_letters_total]");
        LoggerFactory.getLogger("io.witness.jobs.core.Backends").info("compute backend: cpu");
        LoggerFactory.getLogger("io.witness.jobs.core.Backends").debug("not shown: debug");
        LoggerFactory.getLogger("org.apache.kafka.clients.producer.ProducerConfig").info("not shown: ProducerConfig values: ...");
        LoggerFactory.getLogger("org.apache.kafka.common.utils.AppInfoParser").info("not shown: Kafka version: 4.2.0");
        LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient").warn("Connection to node 1 could not be established");
        LoggerFactory.getLogger("org.apache.flink.metrics.MetricGroup").warn("not shown: Name collision: Group already contains a Metric");
        LoggerFactory.getLogger("org.apache.flink.runtime.checkpoint.CheckpointCoordinator").info("Completed checkpoint 7 for job 1");
        Logger committer = LoggerFactory.getLogger(FencedCommitLogTest.COMMITTER);
        committer.error("Unable to commit transaction ({}) because its producer is already fenced. This means that you either "
                + "have a different producer with the same '{}' (this is unlikely with the '{}' as all generated ids are "
                + "unique and shouldn't be reused) or recovery took longer than '{}' ({}ms). In both cases this most "
                + "likely signals data loss, please consult the Flink documentation for more details.",
                "witness-0-7", "transactional.id", "KafkaSink", "transaction.timeout.ms", "600000");
        committer.error("Transaction ({}) encountered error and data has been potentially lost.", "witness-0-8");
        committer.info("Committing Kafka transaction {}", "witness-0-9");
    }

    @Test
    void log4jParsesItAndItsLevelsAreWhatItSays(@TempDir Path tmp) throws Exception {
        String before = System.getProperty("log.file");
        System.setProperty("log.file", tmp.resolve("parse.log").toString());   // what Flink's scripts set
        try (var in = Files.newInputStream(CONFIG)) {
            Configuration c = new PropertiesConfigurationFactory().getConfiguration(new LoggerContext("parse-only"),
                    new ConfigurationSource(in, CONFIG.toFile()));
            c.initialize();   // builds loggers and appenders from the properties (starts none)

            assertThat(c.getLoggerConfig("io.witness.jobs.core.DeadLetters").getLevel()).isEqualTo(Level.INFO);
            assertThat(c.getLoggerConfig("io.witness.jobs.flink.MonitorOperator").getLevel()).isEqualTo(Level.INFO);
            assertThat(c.getLoggerConfig("org.apache.kafka.clients.producer.ProducerConfig").getLevel()).isEqualTo(Level.WARN);
            assertThat(c.getLoggerConfig("org.apache.flink.runtime.checkpoint.CheckpointCoordinator").getLevel()).isEqualTo(Level.INFO);
            assertThat(c.getRootLogger().getLevel()).isEqualTo(Level.INFO);
            assertThat(c.getAppenders()).containsKeys("ConsoleAppender", "RollingFileAppender", "FencedCommitAsInfo");
            c.stop();
        } finally {
            if (before == null) {
                System.clearProperty("log.file");
            } else {
                System.setProperty("log.file", before);
            }
        }
    }

    @Test
    void aJvmWithItKeepsWhatOperatorsNeedAndTheFencingIsInfoWithItsMeaning(@TempDir Path tmp) throws Exception {
        Path logFile = tmp.resolve("taskmanager.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Dlog4j2.configurationFile=" + CONFIG.toUri(), "-Dlog.file=" + logFile,
                "-cp", System.getProperty("java.class.path"), ClusterLogConfigTest.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();

        for (List<String> lines : List.of(out.lines().toList(), Files.readAllLines(logFile))) {
            // exactly these lines: nothing hidden shows, and log4j itself complains about nothing (status = warn)
            assertThat(lines).as("%s", lines).hasSize(7);
            assertThat(lines.get(0)).contains(" WARN ").contains("io.witness.jobs.core.DeadLetters")
                    .endsWith("- dead letter MALFORMED from in/0@7: not valid JSON [12 more dead letters since the last "
                            + "line; see witness_dead_letters_total]");
            assertThat(lines.get(1)).contains(" INFO ").endsWith("- compute backend: cpu");
            assertThat(lines.get(2)).contains(" WARN ").endsWith("- Connection to node 1 could not be established");
            assertThat(lines.get(3)).contains(" INFO ").endsWith("- Completed checkpoint 7 for job 1");
            assertThat(lines.get(4)).contains(" INFO ").contains("KafkaCommitter")
                    .contains("- Unable to commit transaction (witness-0-7) because its producer is already fenced")
                    .endsWith("for more details. " + NOTE);
            assertThat(lines.get(5)).contains(" ERROR ").contains("- Transaction (witness-0-8) encountered error")
                    .doesNotContain("[witness:");
            assertThat(lines.get(6)).contains(" INFO ").endsWith("- Committing Kafka transaction witness-0-9");
        }
    }
}
