package io.witness.jobs.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real Kafka broker inside this JVM: KRaft combined mode (one node is both broker and controller),
 * listening on 127.0.0.1 only. It backs {@code witness demo} and the integration tests, so that
 * they talk to Kafka itself rather than to a mock of it.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    /** How long start() waits for the broker to answer before giving up. Measured ready time is ~4–6 s. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ADMIN_CALL_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaRaftServer server;
    private final Admin admin;
    private final String bootstrapServers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KafkaRaftServer server, Admin admin, String bootstrapServers) {
        this.server = server;
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats storage under {@code dataDir} (keeping what a previous run formatted there), starts the
     * broker on free loopback ports, and returns once an admin client can describe the cluster.
     */
    public static EmbeddedKafka start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /**
     * The same broker with some of its settings overridden (tests: e.g. {@code quota.window.num}, so that a
     * client quota paces a consumer from its first second instead of after a 10 s burst).
     */
    public static EmbeddedKafka start(Path dataDir, Map<String, String> overrides) {
        long startedAt = System.nanoTime();
        int brokerPort = freePort();
        int controllerPort = freePort();
        Properties props = brokerProperties(dataDir.resolve("logs"), brokerPort, controllerPort);
        props.putAll(overrides);
        Path propsFile = writeProperties(dataDir, props);
        formatStorage(propsFile);

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        String bootstrap = "127.0.0.1:" + brokerPort;
        Admin admin = null;
        try {
            server.startup();
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.CLIENT_ID_CONFIG, "witness-embedded-kafka-admin"));
            awaitReady(admin, bootstrap);
        } catch (RuntimeException | Error e) {
            if (admin != null) {
                admin.close(Duration.ZERO);
            }
            server.shutdown();
            server.awaitShutdown();
            throw e;
        }
        LOG.info("Embedded Kafka ready at {} in {} ms (data in {})",
                bootstrap, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), dataDir);
        return new EmbeddedKafka(server, admin, bootstrap);
    }

    /** The PLAINTEXT listener, e.g. {@code 127.0.0.1:40123}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the topics with replication factor 1; topics that already exist are left as they are. */
    public void createTopics(int partitions, String... topics) {
        List<NewTopic> wanted = new ArrayList<>();
        for (String topic : topics) {
            wanted.add(new NewTopic(topic, partitions, (short) 1));
        }
        Map<String, KafkaFuture<Void>> results = admin.createTopics(wanted).values();
        for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
            try {
                result.getValue().get(ADMIN_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Could not create topic " + result.getKey(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("Timed out creating topic " + result.getKey(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted creating topic " + result.getKey(), e);
            }
        }
    }

    /** Stops the broker and waits until it has stopped. Calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        admin.close(Duration.ofSeconds(5));
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Embedded Kafka at {} stopped", bootstrapServers);
    }

    private static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        // One node: every internal topic must make do with one replica. One partition each also keeps the
        // first consumer-group and transaction coordinator lookups fast (the defaults are 50 partitions).
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("default.replication.factor", "1");
        // Consumers in tests and in the demo should get their partitions at once, not after 3 s.
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // A Flink exactly-once sink may ask for transaction.timeout.ms up to 15 min; the broker refuses more than this.
        p.setProperty("transaction.max.timeout.ms", "900000");
        // Topics are declared, never conjured by a typo in a topic name.
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "1");
        return p;
    }

    private static Path writeProperties(Path dataDir, Properties props) {
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                props.store(out, "Witness embedded Kafka broker (KRaft combined mode)");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write broker properties under " + dataDir, e);
        }
    }

    /** The in-process equivalent of {@code kafka-storage.sh format}; execute() returns a status instead of exiting. */
    private static void formatStorage(Path propsFile) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String clusterId = Uuid.randomUuid().toString();
        int status;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(new String[] {
                    "format", "-t", clusterId, "-c", propsFile.toString(), "--ignore-formatted"}, out);
        } catch (Exception e) {
            throw new IllegalStateException("Formatting Kafka storage failed: " + captured.toString(StandardCharsets.UTF_8), e);
        }
        if (status != 0) {
            throw new IllegalStateException("Formatting Kafka storage failed with status " + status + ": "
                    + captured.toString(StandardCharsets.UTF_8));
        }
    }

    private static void awaitReady(Admin admin, String bootstrap) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                        .nodes().get(3, TimeUnit.SECONDS).size();
                if (nodes > 0) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Kafka at " + bootstrap, e);
            }
            sleepQuietly(100);
        }
        throw new IllegalStateException("Embedded Kafka at " + bootstrap + " did not become ready within "
                + READY_TIMEOUT.toSeconds() + " s", last);
    }

    private static int freePort() {
        // The port may be taken again between here and the broker's bind; on loopback that is rare enough.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on loopback", e);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
