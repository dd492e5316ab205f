package io.witness.jobs.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * witness.jar's log4j2.xml: the Kafka committer's "producer is already fenced … most likely signals data
 * loss", logged at ERROR on ordinary restores, comes out at INFO with what it means appended; the
 * committer's other errors stay ERROR. Run in a JVM of its own, with the shipped config as the only one.
 */
class FencedCommitLogTest {
    /** The committer's logger; messages as KafkaCommitter (connector 5.0.0-2.2) writes them. */
    static final String COMMITTER = "org.apache.flink.connector.kafka.sink.internal.KafkaCommitter";

    public static void main(String[] args) {
        Logger log = LoggerFactory.getLogger(COMMITTER);
        log.error("Unable to commit transaction ({}) because its producer is already fenced. This means that you either "
                + "have a different producer with the same '{}' (this is unlikely with the '{}' as all generated ids are "
                + "unique and shouldn't be reused) or recovery took longer than '{}' ({}ms). In both cases this most "
                + "likely signals data loss, please consult the Flink documentation for more details.",
                "witness-0-7", "transactional.id", "KafkaSink", "transaction.timeout.ms", "600000");
        log.error("Transaction ({}) encountered error and data has been potentially lost.", "witness-0-8");
        log.info("Committing Kafka transaction {}", "witness-0-9");
    }

    @Test
    void expectedFencingIsInfoWithItsMeaningAndOtherCommitterErrorsStayErrors() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FencedCommitLogTest.class.getName())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("KafkaCommitter")).toList();

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains(" INFO  KafkaCommitter - Unable to commit transaction (witness-0-7) because its "
                + "producer is already fenced").endsWith("[witness: expected when a restore re-commits a transaction "
                + "that the previous attempt already committed; nothing is lost (README: Operations, Restarts)]");
        assertThat(lines.get(1)).contains(" ERROR KafkaCommitter - Transaction (witness-0-8) encountered error")
                .doesNotContain("[witness:");
    }
}
