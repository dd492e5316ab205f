package io.witness.jobs.cluster;

import io.witness.jobs.kafka.EmbeddedKafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A Kafka broker in a JVM of its own for {@link StandaloneClusterIT}: {@code <data-dir> <ready-file>
 * topic:partitions…}. Creates the topics, writes the bootstrap address to the ready file, and runs until
 * its standard input closes (or it is killed).
 */
public final class KafkaBrokerMain {
    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[0]))) {
            for (int i = 2; i < args.length; i++) {
                String[] tp = args[i].split(":");
                kafka.createTopics(Integer.parseInt(tp[1]), tp[0]);
            }
            Path ready = Path.of(args[1]);
            Path tmp = ready.resolveSibling(ready.getFileName() + ".tmp");
            Files.writeString(tmp, kafka.bootstrapServers());
            Files.move(tmp, ready, StandardCopyOption.ATOMIC_MOVE);
            while (System.in.read() >= 0) {
                // runs until the test closes our stdin
            }
        }
    }
}
