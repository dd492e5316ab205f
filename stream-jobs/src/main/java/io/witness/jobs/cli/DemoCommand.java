package io.witness.jobs.cli;

import io.witness.jobs.config.ConfigLoader;
import io.witness.operators.monitor.Durations;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.demo.CascadeProducer;
import io.witness.jobs.demo.CascadeScenario;
import io.witness.jobs.demo.DemoDrifts;
import io.witness.jobs.demo.DemoScenario;
import io.witness.jobs.demo.Injection;
import io.witness.jobs.demo.DemoSummary;
import io.witness.jobs.demo.ObservedAlert;
import io.witness.jobs.demo.ScenarioProducer;
import io.witness.jobs.kafka.EmbeddedKafka;
import io.witness.jobs.live.LiveFeed;
import io.witness.jobs.live.LivePage;
import io.witness.jobs.live.LiveState;
import io.witness.jobs.metrics.WitnessMetrics;
import io.witness.schemas.Alert;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start a Kafka broker on loopback and the Witness job on an embedded Flink cluster (RocksDB "
                + "state), feed it synthetic service metrics in which error_rate becomes dependent on latency_ms on two "
                + "services partway through (and CPU / payload distributions that drift on three others), print alerts "
                + "as they arrive, and end with a summary of detections and false alarms.",
                "An alert-triage bandit decides page / ticket / suppress for the monitors' own evidence and alerts and "
                        + "learns from a simulated operator's delayed feedback; the summary shows it learning."})
public final class DemoCommand implements Callable<Integer> {
    static final String CONFIG_RESOURCE = "/demo/monitors.yaml";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    @Option(names = "--duration", defaultValue = "2m", paramLabel = "DURATION",
            description = "How long to run (e.g. 90s, 5m). Default: ${DEFAULT-VALUE}.")
    String duration;

    @Option(names = "--inject-after", defaultValue = "40s", paramLabel = "DURATION",
            description = "When the anomalies (dependence, drifts, cascade) start, after the events start. Default: ${DEFAULT-VALUE}.")
    String injectAfter;

    @Option(names = "--rate", defaultValue = "40", paramLabel = "N",
            description = "Events per second per service. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--seed", defaultValue = "7", description = "Scenario seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--metrics-port", defaultValue = "9464", paramLabel = "PORT",
            description = "Port of the witness_ metrics endpoint (another free port is used if taken). Default: ${DEFAULT-VALUE}.")
    int metricsPort;

    @Option(names = "--ui-port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port of the live page on 127.0.0.1 (another free port is used if taken; 0 = no page). Default: ${DEFAULT-VALUE}.")
    int uiPort;

    @Option(names = "--flink-metrics-port", defaultValue = "0", paramLabel = "PORT",
            description = "Also serve Flink's own Prometheus metrics (checkpoints, Kafka source lag) on this port, on all interfaces (0 = off). Default: ${DEFAULT-VALUE}.")
    int flinkMetricsPort;

    @Option(names = "--config", paramLabel = "FILE", description = "Use this monitors YAML instead of the bundled demo config.")
    Path config;

    @Mixin
    BackendOption backendOption;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        Duration total = parse(duration, "--duration");
        Duration inject = parse(injectAfter, "--inject-after");
        if (!(rate > 0 && rate <= 10_000)) {
            throw new WitnessCli.UserError("--rate must be in (0, 10000], got " + rate);
        }
        WitnessConfig demoConfig = backendOption.apply(config != null ? ConfigLoader.load(config)
                : ConfigLoader.parse(bundledConfig()));
        Path dir = Files.createTempDirectory("witness-demo-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopRequested.countDown();
            try {
                finished.await(45, TimeUnit.SECONDS);   // let the summary print on Ctrl-C
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "witness-demo-stop"));

        System.out.println("witness demo: starting a Kafka broker on loopback ...");
        List<ObservedAlert> observed = new ArrayList<>();
        DemoTriage triage = null;
        LivePage page = null;
        long start;
        DemoScenario scenario;
        CascadeScenario cascades = null;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            WitnessConfig c = demoConfig.withBootstrapServers(kafka.bootstrapServers());
            for (String t : c.sourceTopics()) {
                kafka.createTopics(2, t);
            }
            for (String t : c.outputTopics()) {
                kafka.createTopics(1, t);
            }
            for (String t : c.banditTopics()) {
                kafka.createTopics(2, t);
            }
            int port = WitnessMetrics.ensureServer("127.0.0.1", metricsPort);
            if (port < 0) {
                port = WitnessMetrics.ensureServer("127.0.0.1", WitnessMetrics.freePort());
            }
            c = c.withJob(c.job().withMetricsPort(port));
            System.out.println("witness demo: broker at " + kafka.bootstrapServers() + "; metrics at http://127.0.0.1:"
                    + port + "/metrics");
            if (flinkMetricsPort > 0) {
                System.out.println("witness demo: Flink's own metrics at http://127.0.0.1:" + flinkMetricsPort + "/metrics");
            }
            LiveState live = new LiveState(c);
            page = uiPort > 0 ? LivePage.startOrFallback("127.0.0.1", uiPort, live) : null;
            if (page != null) {
                System.out.println("witness demo: live page at " + page.url());
            }
            System.out.println("witness demo: starting the Flink job (RocksDB state, checkpoints every "
                    + Durations.format(c.job().checkpointInterval()) + ") ...");
            JobClient job = LocalJob.start(c, dir.resolve("flink"), null, flinkMetricsPort);

            start = System.currentTimeMillis();
            scenario = new DemoScenario(seed, start + inject.toMillis());
            String sourceTopic = c.sourceTopics().iterator().next();
            System.out.printf("witness demo: %d services at %.0f events/s each on topic %s; error_rate starts to depend on "
                            + "latency_ms on %s at %s; running %s (Ctrl-C stops early)%n",
                    scenario.keys().size(), rate, sourceTopic, String.join(" and ", DemoScenario.INJECTED_KEYS.stream().sorted().toList()),
                    CLOCK.format(Instant.ofEpochMilli(scenario.injectAtMillis())), Durations.format(total));
            if (c.monitors().stream().anyMatch(m -> m.id().equals(DemoDrifts.FIT_MONITOR) || m.id().equals(DemoDrifts.DRIFT_MONITOR))) {
                System.out.printf("witness demo: at the same time, on the same topic, cpu_pct's mean shifts on %s, its spread widens "
                                + "on %s, and the bulk share of payload_kb rises on %s (monitors %s, %s)%n",
                        DemoDrifts.MEAN_SHIFT_KEY, DemoDrifts.VARIANCE_KEY, DemoDrifts.WEIGHTS_KEY, DemoDrifts.FIT_MONITOR,
                        DemoDrifts.DRIFT_MONITOR);
            }
            ScenarioProducer producer = new ScenarioProducer(kafka.bootstrapServers(), sourceTopic, scenario, rate, total);
            Thread producerThread = new Thread(producer, "witness-demo-producer");
            producerThread.setDaemon(true);
            producerThread.start();
            CascadeProducer cascadeProducer = null;
            if (c.sourceTopics().contains(CascadeScenario.TOPIC)) {
                // the Hawkes monitor's error events, on their own topic
                cascades = new CascadeScenario(seed, start, start + inject.toMillis());
                cascadeProducer = new CascadeProducer(kafka.bootstrapServers(), cascades, total);
                Thread t = new Thread(cascadeProducer, "witness-demo-cascades");
                t.setDaemon(true);
                t.start();
                System.out.printf("witness demo: error events of %d clusters on topic %s; on %s, api errors start "
                                + "triggering db errors at %s%n", CascadeScenario.KEYS.size(), CascadeScenario.TOPIC,
                        CascadeScenario.INJECTED_KEY, CLOCK.format(Instant.ofEpochMilli(cascades.injectAtMillis())));
            }
            triage = DemoTriage.start(c, kafka.bootstrapServers(), seed);

            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(kafka.bootstrapServers()))) {
                // alerts for the console, alerts and evidence for the live page
                consumer.subscribe(DemoTriage.topics(LiveFeed.topics(c), triage));
                long end = start + total.toMillis();
                long nextStatus = start + 20_000;
                while (System.currentTimeMillis() < end && stopRequested.getCount() > 0) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(250))) {
                        if (DemoTriage.dispatch(r, triage)) {
                            continue;
                        }
                        Alert a = LiveFeed.dispatch(r.value(), live);
                        if (a == null) {
                            continue;
                        }
                        observed.add(new ObservedAlert(a.getMonitor(), a.getKey(), a.getState().name(), a.getOpenedAt()));
                        System.out.printf("%s ALERT %-8s %s%n", CLOCK.format(Instant.now()), a.getState(), a.getMessage());
                    }
                    if (System.currentTimeMillis() >= nextStatus) {
                        nextStatus += 20_000;
                        System.out.printf("%s witness demo: %d events sent, %d alert records so far%n",
                                CLOCK.format(Instant.now()), producer.sent(),
                                observed.size());
                        if (triage != null) {
                            System.out.printf("%s witness demo: %s%n", CLOCK.format(Instant.now()), triage.ledger().status(50));
                        }
                    }
                }
            }
            System.out.println("witness demo: stopping ...");
            producer.close();
            if (cascadeProducer != null) {
                cascadeProducer.close();
            }
            if (triage != null) {
                triage.close();
            }
            try {
                job.cancel().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.out.println("witness demo: job did not cancel cleanly: " + e.getMessage());
            }
        } finally {
            if (page != null) {
                page.close();
            }
            deleteQuietly(dir);
        }
        observed.sort(Comparator.comparingLong(ObservedAlert::openedAtMillis));
        System.out.println();
        List<Injection> injections = new ArrayList<>(scenario.injections());
        if (cascades != null) {
            injections.addAll(cascades.injections());
        }
        // score only what this run monitors (a --config without the drift monitors cannot detect the drifts)
        java.util.Set<String> monitored = new java.util.HashSet<>();
        demoConfig.monitors().forEach(m -> monitored.add(m.id()));
        injections.removeIf(i -> !monitored.contains(i.monitor()));
        System.out.println(new DemoSummary(injections, start, observed).render());
        if (triage != null) {
            System.out.println(triage.ledger().render());
        }
        finished.countDown();
        return 0;
    }

    static String bundledConfig() throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(CONFIG_RESOURCE)) {
            if (in == null) {
                throw new IOException("bundled demo config " + CONFIG_RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Duration parse(String text, String option) {
        try {
            Duration d = Durations.parse(text);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("must be positive");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new WitnessCli.UserError(option + ": " + e.getMessage());
        }
    }

    private static Properties consumerProperties(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "witness-demo-console");
        p.put("isolation.level", "read_committed");
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        return p;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder; the OS cleans it eventually
        }
    }
}
