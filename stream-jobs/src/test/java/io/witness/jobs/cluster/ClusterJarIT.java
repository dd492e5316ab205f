package io.witness.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.MethodRegistry;
import io.witness.jobs.replay.ReplayRunner;

/**
 * witness-cluster.jar on a classpath that holds only Flink's lib/ (nothing of Witness's dependencies):
 * every method runs from it, and it brings no class that lib/ also has under the same name unless that
 * class is the same library at the same version. The job itself (Kafka connector, bandit, user-code class
 * loading) runs from it in {@link StandaloneClusterIT}.
 */
class ClusterJarIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Packages both jars may hold: the same library at the same version (Kafka's compression codecs, Flink's connector base). */
    private static final List<String> SAME_IN_BOTH = List.of("net/jpountz/", "org/xerial/snappy/", "org/apache/flink/connector/base/",
            "META-INF/", "org/apache/flink/streaming/runtime/operators/sink/", "org/apache/flink/connector/");

    @TempDir
    Path tmp;

    @Test
    void everyMethodRunsFromTheClusterJarWithOnlyFlinksLibBesideIt() throws Exception {
        assertThat(new TreeSet<>(MethodRegistry.names())).as("methods with a monitor in the scenario")
                .isEqualTo(new TreeSet<>(EveryMethodScenario.methods()));
        Path config = Files.writeString(tmp.resolve("monitors.yaml"), EveryMethodScenario.config("127.0.0.1:9", "name: jar-it"));
        Path input = Files.write(tmp.resolve("events.jsonl"), EveryMethodScenario.events().stream().map(EveryMethodScenario.Line::json).toList());
        Path out = tmp.resolve("out.jsonl");
        Path dead = tmp.resolve("dead.jsonl");

        List<Path> cp = new ArrayList<>(ClusterArtifacts.flinkLib());
        cp.add(ClusterArtifacts.clusterJar());
        Path log = tmp.resolve("replay.log");
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx768m", "-Dlog4j2.level=INFO",
                "-Djava.io.tmpdir=" + Files.createDirectories(tmp.resolve("java-tmp")),
                "-cp", ClusterArtifacts.classpath(cp), "io.witness.jobs.cli.WitnessCli", "replay",
                "--config", config.toString(), "--input", input.toString(), "--output", out.toString(),
                "--dead-letters", dead.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("replay from the cluster jar finished").isTrue();
        assertThat(p.exitValue()).as("exit code of replay from the cluster jar; its output:%n%s", Files.readString(log)).isZero();

        // JCuda's driver native came out of the jar: it loads, or fails only for want of a GPU driver (libcuda.so.1).
        String logText = Files.readString(log);
        assertThat(logText).as("the compute backend line of the cluster jar's replay").contains("compute backend: ");
        assertThat(logText.contains("compute backend: cuda") || logText.contains("libcuda.so.1"))
                .as("JCuda's native library was found in the jar (log: %s)", logText.lines()
                        .filter(l -> l.contains("compute backend")).findFirst().orElse("?")).isTrue();

        // The same replay on the build's own classpath: the cluster jar computed exactly the same.
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteArrayOutputStream expectedDead = new ByteArrayOutputStream();
        new ReplayRunner(ConfigLoader.load(config)).run(input, expected, expectedDead);
        List<String> got = Files.readAllLines(out);
        assertThat(got).as("evidence and alerts of the cluster jar's replay")
                .containsExactlyElementsOf(lines(expected));
        assertThat(withoutTime(Files.readAllLines(dead))).containsExactlyElementsOf(withoutTime(lines(expectedDead)));

        TreeMap<String, Integer> evidencePerMonitor = new TreeMap<>();
        for (String line : got) {
            JsonNode n = JSON.readTree(line);
            if (!n.has("opened_at")) {
                evidencePerMonitor.merge(n.get("monitor").asText(), 1, Integer::sum);
            }
        }
        System.out.printf("cluster jar replay: evidence per monitor %s, %d dead letters%n", evidencePerMonitor,
                Files.readAllLines(dead).size());
        assertThat(evidencePerMonitor.keySet()).as("monitors with evidence").isEqualTo(new TreeSet<>(EveryMethodScenario.MONITORS));
    }

    @Test
    void theClusterJarHoldsJCudasDriverNativeAndLeavesOutWhatLibHas() throws IOException {
        try (JarFile f = new JarFile(ClusterArtifacts.clusterJar().toFile())) {
            assertThat(f.getEntry("lib/libJCudaDriver-12.6.0-linux-x86_64.so")).as("JCuda driver native").isNotNull();
            assertThat(f.getEntry("io/witness/shaded/prometheus/client/CollectorRegistry.class")).as("relocated simpleclient").isNotNull();
            assertThat(f.getEntry("io/prometheus/client/CollectorRegistry.class")).as("simpleclient under its own name").isNull();
            assertThat(f.getEntry("org/apache/flink/runtime/jobgraph/JobGraph.class")).as("Flink's runtime").isNull();
            assertThat(f.getEntry("org/rocksdb/RocksDB.class")).as("RocksDB").isNull();
            assertThat(f.getEntry("kafka/server/KafkaRaftServer.class")).as("the embedded broker").isNull();
            assertThat(f.getEntry("log4j2.xml")).as("the CLI's log4j configuration").isNull();
        }
    }

    @Test
    void theClusterJarBringsNoClassOfFlinksLibUnderTheSameName() throws IOException {
        Set<String> lib = new TreeSet<>();
        for (Path j : ClusterArtifacts.flinkLib()) {
            try (JarFile f = new JarFile(j.toFile())) {
                f.stream().filter(e -> e.getName().endsWith(".class")).forEach(e -> lib.add(e.getName()));
            }
        }
        Set<String> clash = new TreeSet<>();
        try (JarFile f = new JarFile(ClusterArtifacts.clusterJar().toFile())) {
            f.stream().map(e -> e.getName()).filter(lib::contains)
                    .filter(n -> SAME_IN_BOTH.stream().noneMatch(n::startsWith))
                    .forEach(clash::add);
        }
        assertThat(clash).as("classes in both witness-cluster.jar and Flink's lib/ (relocate them in stream-jobs/pom.xml)").isEmpty();
    }

    /** Dead letters without their wall-clock time. */
    private static List<String> withoutTime(List<String> deadLetters) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : deadLetters) {
            com.fasterxml.jackson.databind.node.ObjectNode n = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(l);
            n.remove("time");
            out.add(n.toString());
        }
        return out;
    }

    private static List<String> lines(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
}
