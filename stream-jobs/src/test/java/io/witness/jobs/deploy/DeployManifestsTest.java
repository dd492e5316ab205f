package io.witness.jobs.deploy;

import static io.witness.jobs.deploy.DeployFiles.DEPLOY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.metrics.WitnessMetrics;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;
import org.junit.jupiter.api.Test;

/**
 * Keeps the Kubernetes manifests in deploy/ true: every YAML parses, every manifest has the fields its
 * kind requires, the FlinkDeployment names a class, config keys and ports that exist and agree with the
 * monitors config, the topic definitions agree with each other and with the config, and the PodMonitor
 * scrapes ports the pods declare. (Prometheus rules and the dashboard: {@link DeployPrometheusTest}.)
 */
class DeployManifestsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Files that are Prometheus configuration, not Kubernetes manifests. */
    private static final Set<String> NOT_MANIFESTS = Set.of("prometheus/prometheus.yml", "prometheus/witness-rules.yml",
            "prometheus/witness-rules.test.yml");

    /** Every YAML document under deploy/, by file (relative path). */
    static Map<String, List<JsonNode>> yamlDocuments() throws IOException {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(DEPLOY)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        for (Path f : files) {
            List<JsonNode> docs = new ArrayList<>();
            try (var parser = YAML.getFactory().createParser(f.toFile())) {
                YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
                    if (d != null && !d.isNull() && !d.isMissingNode()) {
                        docs.add(d);
                    }
                });
            }
            out.put(DEPLOY.relativize(f).toString().replace('\\', '/'), docs);
        }
        return out;
    }

    static List<JsonNode> manifests(String kind) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        yamlDocuments().forEach((file, docs) -> docs.stream().filter(d -> d.path("kind").asText().equals(kind)).forEach(out::add));
        return out;
    }

    static JsonNode flinkDeployment() throws IOException {
        List<JsonNode> fds = manifests("FlinkDeployment");
        assertThat(fds).hasSize(1);
        return fds.get(0);
    }

    static WitnessConfig monitorsConfig() throws IOException {
        List<JsonNode> cms = manifests("ConfigMap");
        assertThat(cms).hasSize(1);
        return ConfigLoader.parse(cms.get(0).path("data").path("monitors.yaml").asText());
    }

    @Test
    void everyYamlFileParsesAndEveryManifestHasTheFieldsOfItsKind() throws Exception {
        Map<String, List<JsonNode>> all = yamlDocuments();
        assertThat(all).containsKeys("flink/witness-flinkdeployment.yaml", "flink/witness-monitors-configmap.yaml",
                "kafka/witness-topics.yaml", "prometheus/witness-podmonitor.yaml", "prometheus/prometheus.yml");
        Map<String, Integer> kinds = new LinkedHashMap<>();
        for (Map.Entry<String, List<JsonNode>> e : all.entrySet()) {
            assertThat(e.getValue()).as("documents in %s", e.getKey()).isNotEmpty();
            if (NOT_MANIFESTS.contains(e.getKey())) {
                continue;
            }
            for (JsonNode d : e.getValue()) {
                String where = e.getKey() + " (" + d.path("kind").asText("no kind") + " " + d.path("metadata").path("name").asText() + ")";
                requireText(d, where, "apiVersion", "kind", "metadata.name");
                kinds.merge(d.path("kind").asText(), 1, Integer::sum);
                switch (d.path("kind").asText()) {
                    case "FlinkDeployment" -> checkFlinkDeployment(d, where);
                    case "KafkaTopic" -> checkKafkaTopic(d, where);
                    case "PodMonitor" -> checkPodMonitor(d, where);
                    case "ConfigMap" -> assertThat(d.path("data").size()).as("%s data", where).isPositive();
                    default -> fail("%s: no validation for kind %s; add it to this test", where, d.path("kind").asText());
                }
            }
        }
        assertThat(kinds).containsEntry("FlinkDeployment", 1).containsEntry("KafkaTopic", 4)
                .containsEntry("PodMonitor", 1).containsEntry("ConfigMap", 1);
    }

    private static void checkFlinkDeployment(JsonNode d, String where) {
        assertThat(d.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        requireText(d, where, "spec.image", "spec.flinkVersion", "spec.serviceAccount", "spec.job.jarURI", "spec.job.entryClass",
                "spec.job.upgradeMode", "spec.jobManager.resource.memory", "spec.taskManager.resource.memory");
        assertThat(d.at("/spec/flinkVersion").asText()).as("%s flinkVersion", where).matches("v2_\\d+");
        assertThat(d.at("/spec/jobManager/resource/cpu").isNumber()).as("%s jobManager cpu", where).isTrue();
        assertThat(d.at("/spec/taskManager/resource/cpu").isNumber()).as("%s taskManager cpu", where).isTrue();
        assertThat(d.at("/spec/jobManager/resource/memory").asText()).matches("\\d+[mg]");
        assertThat(d.at("/spec/job/upgradeMode").asText()).as("%s upgradeMode", where).isEqualTo("savepoint");
        assertThat(d.at("/spec/job/jarURI").asText()).startsWith("local:///").endsWith("/witness-cluster.jar");
        assertThat(d.at("/spec/job/parallelism").isInt()).as("%s parallelism is an integer", where).isTrue();
        d.path("spec").path("flinkConfiguration").fields().forEachRemaining(f ->
                assertThat(f.getValue().isTextual()).as("%s flinkConfiguration.%s must be a string (the CRD is map<string,string>): quote it",
                        where, f.getKey()).isTrue());
    }

    private static void checkKafkaTopic(JsonNode d, String where) {
        assertThat(d.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1beta2");
        requireText(d, where, "metadata.labels.strimzi\\.io/cluster");
        assertThat(d.at("/metadata/labels").path("strimzi.io/cluster").asText()).as("%s strimzi.io/cluster", where).isNotBlank();
        int partitions = d.at("/spec/partitions").asInt();
        int replicas = d.at("/spec/replicas").asInt();
        assertThat(partitions).as("%s partitions", where).isBetween(1, 1000);
        assertThat(replicas).as("%s replicas", where).isBetween(1, 7);
        JsonNode config = d.at("/spec/config");
        assertThat(config.path("cleanup.policy").asText()).as("%s cleanup.policy", where).isIn("delete", "compact", "compact,delete");
        assertThat(config.path("retention.ms").asLong()).as("%s retention.ms", where).isGreaterThanOrEqualTo(3_600_000L);
        assertThat(config.path("min.insync.replicas").asInt()).as("%s min.insync.replicas", where).isBetween(1, replicas);
    }

    private static void checkPodMonitor(JsonNode d, String where) {
        assertThat(d.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(d.at("/spec/selector/matchLabels").size()).as("%s selector", where).isPositive();
        assertThat(d.at("/spec/podMetricsEndpoints").size()).as("%s endpoints", where).isPositive();
        for (JsonNode ep : d.at("/spec/podMetricsEndpoints")) {
            assertThat(ep.path("port").asText()).as("%s endpoint port name", where).isNotBlank();
            assertThat(ep.path("path").asText()).isEqualTo("/metrics");
        }
    }

    @Test
    void flinkDeploymentRunsTheEntryPointOnTheMountedConfigWithDurableRocksDbState() throws Exception {
        JsonNode fd = flinkDeployment();
        JsonNode job = fd.path("spec").path("job");
        Class.forName(job.path("entryClass").asText());   // the cluster jar's main class exists
        List<String> args = YAML.convertValue(job.path("args"), YAML.getTypeFactory().constructCollectionType(List.class, String.class));
        assertThat(args).containsExactly("--config", "/opt/witness/conf/monitors.yaml");
        assertThat(mountPaths(fd, "jobManager")).as("main() runs on the JobManager and reads the config").contains("/opt/witness/conf");

        JsonNode conf = fd.path("spec").path("flinkConfiguration");
        assertThat(conf.path("state.backend.type").asText()).isEqualTo("rocksdb");
        assertThat(conf.path("execution.checkpointing.incremental").asText()).isEqualTo("true");
        for (String durable : List.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir", "high-availability.storageDir")) {
            assertThat(conf.path(durable).asText()).as(durable).matches("(s3|s3a|s3p|hdfs|gs|abfss?|oss)://.+");
        }
        assertThat(mountPaths(fd, "taskManager")).as("RocksDB's local dir is a volume").contains(conf.path("state.backend.rocksdb.localdir").asText());
        int parallelism = job.path("parallelism").asInt();
        assertThat(conf.path("pipeline.max-parallelism").asInt()).as("key groups ≥ parallelism").isGreaterThanOrEqualTo(parallelism);
        Class.forName(conf.path("metrics.reporter.prom.factory.class").asText());
    }

    /**
     * The cluster's logging is the shipped file (ClusterLogConfigTest loads it with log4j): the FlinkDeployment
     * carries it verbatim as Flink's console config, and deploy/README.md points to it.
     */
    @Test
    void theFlinkPodsLogWithTheShippedLog4jConfig() throws Exception {
        String shipped = Files.readString(DEPLOY.resolve("flink/log4j-console.properties"));
        JsonNode logConfig = flinkDeployment().path("spec").path("logConfiguration");

        assertThat(logConfig.path("log4j-console.properties").asText())
                .as("spec.logConfiguration of the FlinkDeployment is deploy/flink/log4j-console.properties, byte for byte")
                .isEqualTo(shipped);
        assertThat(Files.readString(DEPLOY.resolve("README.md"))).contains("flink/log4j-console.properties");
    }

    @Test
    void everyFlinkConfigurationKeyIsAFlinkOrOperatorOption() throws Exception {
        Set<String> known = flinkOptionKeys();
        assertThat(known).contains("state.backend.type", "execution.checkpointing.dir");   // the scan works
        Set<String> unknown = new TreeSet<>();
        flinkDeployment().path("spec").path("flinkConfiguration").fieldNames().forEachRemaining(k -> {
            boolean pluginOrOperator = k.startsWith("kubernetes.operator.") || k.matches("metrics\\.reporter\\.[a-z]+\\..+");
            if (!pluginOrOperator && !known.contains(k)) {
                unknown.add(k);
            }
        });
        assertThat(unknown).as("flinkConfiguration keys that Flink %s does not define (typo or removed option)", "2.2").isEmpty();
    }

    /** Keys (and deprecated / fallback keys) of the ConfigOptions of Flink's options classes on the classpath. */
    private static Set<String> flinkOptionKeys() throws Exception {
        Set<String> keys = new HashSet<>();
        for (String c : List.of("CheckpointingOptions", "StateBackendOptions", "StateRecoveryOptions", "HighAvailabilityOptions",
                "RestartStrategyOptions", "TaskManagerOptions", "JobManagerOptions", "PipelineOptions", "MetricOptions",
                "CoreOptions", "RestOptions")) {
            collectKeys(Class.forName("org.apache.flink.configuration." + c), keys);
        }
        collectKeys(Class.forName("org.apache.flink.state.rocksdb.RocksDBOptions"), keys);
        collectKeys(Class.forName("org.apache.flink.state.rocksdb.RocksDBConfigurableOptions"), keys);
        return keys;
    }

    private static void collectKeys(Class<?> options, Set<String> keys) throws IllegalAccessException {
        for (Field f : options.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && ConfigOption.class.isAssignableFrom(f.getType())) {
                ConfigOption<?> o = (ConfigOption<?>) f.get(null);
                keys.add(o.key());
                for (FallbackKey k : o.fallbackKeys()) {
                    keys.add(k.getKey());
                }
            }
        }
    }

    @Test
    void portsAndTopicsAgreeWithTheMonitorsConfig() throws Exception {
        WitnessConfig config = monitorsConfig();
        assertThat(config.monitors()).isNotEmpty();
        Map<String, Integer> tmPorts = containerPorts(flinkDeployment(), "taskManager");
        assertThat(tmPorts).containsEntry("witness-metrics", config.job().metricsPort()).containsKey("flink-metrics");
        assertThat(containerPorts(flinkDeployment(), "jobManager")).doesNotContainKey("witness-metrics");
        assertThat(String.valueOf(tmPorts.get("flink-metrics")))
                .isEqualTo(flinkDeployment().path("spec").path("flinkConfiguration").path("metrics.reporter.prom.port").asText());

        assertThat(config.job().parallelism()).as("the FlinkDeployment's job.parallelism decides (it reaches the job as "
                + "parallelism.default); the config's, a fallback, says the same so that the file does not mislead").isEqualTo(flinkDeployment().at("/spec/job/parallelism").asInt());

        Set<String> topics = new TreeSet<>();
        manifests("KafkaTopic").forEach(t -> topics.add(t.path("spec").path("topicName").asText(t.path("metadata").path("name").asText())));
        assertThat(topics).containsAll(config.sourceTopics()).containsAll(config.outputTopics());
    }

    @Test
    void kafkaCredentialsComeFromASecretAndNeverStandInTheConfigMap() throws Exception {
        WitnessConfig config = monitorsConfig();
        Map<String, String> props = config.kafka().properties();
        assertThat(props).as("the example authenticates").containsKey("sasl.jaas.config");
        Pattern env = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
        Set<String> referenced = new TreeSet<>();
        props.forEach((k, v) -> {
            Matcher m = env.matcher(v);
            boolean reference = false;
            while (m.find()) {
                referenced.add(m.group(1));
                reference = true;
            }
            if (io.witness.jobs.config.KafkaSettings.isSecret(k)) {
                assertThat(reference).as("secret Kafka property %s is a ${env:…} reference, not a value", k).isTrue();
            }
        });
        assertThat(props).as("the Kafka clients resolve ${env:…} themselves")
                .containsEntry("config.providers", "env")
                .containsEntry("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        JsonNode fd = flinkDeployment();
        for (String component : List.of("jobManager", "taskManager")) {
            Map<String, JsonNode> vars = envVars(fd, component);
            for (String name : referenced) {
                assertThat(vars).as("%s declares %s", component, name).containsKey(name);
                JsonNode ref = vars.get(name).path("valueFrom").path("secretKeyRef");
                assertThat(ref.path("name").asText()).as("%s takes %s from a Secret", component, name).isNotBlank();
                assertThat(ref.path("key").asText()).isNotBlank();
                assertThat(vars.get(name).has("value")).as("%s: %s has no plain-text value", component, name).isFalse();
            }
        }
    }

    private static Map<String, JsonNode> envVars(JsonNode fd, String component) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode c : fd.path("spec").path(component).path("podTemplate").path("spec").path("containers")) {
            c.path("env").forEach(e -> out.put(e.path("name").asText(), e));
        }
        return out;
    }

    @Test
    void podMonitorScrapesPortsTheFlinkPodsDeclare() throws Exception {
        JsonNode pm = manifests("PodMonitor").get(0);
        JsonNode fd = flinkDeployment();
        assertThat(pm.at("/spec/selector/matchLabels").path("app").asText())
                .as("the Flink operator labels pods app: <FlinkDeployment name>").isEqualTo(fd.at("/metadata/name").asText());
        Set<String> declared = new HashSet<>(containerPorts(fd, "taskManager").keySet());
        declared.addAll(containerPorts(fd, "jobManager").keySet());
        for (JsonNode ep : pm.at("/spec/podMetricsEndpoints")) {
            assertThat(declared).contains(ep.path("port").asText());
        }
        assertThat(pm.toString()).as("the witness endpoint's job label is the one the rules use").contains("\"replacement\":\"witness\"");
    }

    @Test
    void createTopicsScriptMakesTheSameTopicsAsTheKafkaTopicResources() throws Exception {
        String script = Files.readString(DEPLOY.resolve("kafka/create-topics.sh"), StandardCharsets.UTF_8);
        Matcher input = Pattern.compile("INPUT_TOPIC=\"\\$\\{INPUT_TOPIC:-([^}]+)}\"").matcher(script);
        assertThat(input.find()).as("default INPUT_TOPIC in create-topics.sh").isTrue();
        Map<String, String> fromScript = new java.util.TreeMap<>();
        Matcher m = Pattern.compile("(?m)^create (\\S+) (\\d+) \\$\\(\\((\\d+) \\* DAY\\)\\)(.*)$").matcher(script);
        while (m.find()) {
            String name = m.group(1).equals("\"$INPUT_TOPIC\"") ? input.group(1) : m.group(1);
            String extra = m.group(4).contains("compression.type=zstd") ? " zstd" : "";
            fromScript.put(name, m.group(2) + " partitions, " + Long.parseLong(m.group(3)) * 86_400_000L + " ms" + extra);
        }
        Map<String, String> fromManifests = new java.util.TreeMap<>();
        for (JsonNode t : manifests("KafkaTopic")) {
            JsonNode c = t.at("/spec/config");
            fromManifests.put(t.at("/metadata/name").asText(), t.at("/spec/partitions").asInt() + " partitions, "
                    + c.path("retention.ms").asLong() + " ms" + (c.path("compression.type").asText().equals("zstd") ? " zstd" : ""));
        }
        assertThat(fromScript).hasSize(4).isEqualTo(fromManifests);
        assertThat(script).contains("cleanup.policy=delete");
    }

    @Test
    void everyWitnessMetricInTheRulesAndTheDashboardIsRegistered() throws IOException {
        WitnessMetrics.EVENTS_IN.getClass();   // registers Witness's collectors
        Set<String> exported = new HashSet<>();
        for (Collector.MetricFamilySamples f : Collections.list(CollectorRegistry.defaultRegistry.metricFamilySamples())) {
            exported.add(f.name);
            for (String suffix : List.of("_total", "_bucket", "_sum", "_count", "_created")) {
                exported.add(f.name + suffix);
            }
        }
        Set<String> used = new TreeSet<>(DeployFiles.metricsQueriedByRules());
        used.addAll(DeployFiles.metricsQueriedByDashboard());
        used.removeIf(n -> !n.startsWith("witness_"));
        assertThat(used).hasSizeGreaterThan(10);
        assertThat(exported).containsAll(used);   // Flink's and the JVM's names: LiveDemoTest scrapes a running job
    }

    private static Map<String, Integer> containerPorts(JsonNode fd, String component) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (JsonNode c : fd.path("spec").path(component).path("podTemplate").path("spec").path("containers")) {
            c.path("ports").forEach(p -> out.put(p.path("name").asText(), p.path("containerPort").asInt()));
        }
        return out;
    }

    private static Set<String> mountPaths(JsonNode fd, String component) {
        Set<String> out = new HashSet<>();
        for (JsonNode c : fd.path("spec").path(component).path("podTemplate").path("spec").path("containers")) {
            c.path("volumeMounts").forEach(v -> out.add(v.path("mountPath").asText()));
        }
        return out;
    }

    /** Dotted paths; a key that itself contains dots is written with {@code \\.}. */
    private static void requireText(JsonNode d, String where, String... paths) {
        for (String path : paths) {
            JsonNode n = d;
            for (String part : path.split("(?<!\\\\)\\.")) {
                n = n.path(part.replace("\\.", "."));
            }
            assertThat(n.isValueNode() && !n.asText().isBlank()).as("%s: %s is required", where, path).isTrue();
        }
    }
}
