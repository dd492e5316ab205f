package io.witness.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.metrics.WitnessMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps deploy/ true: the manifests name classes, paths and metrics that exist, the embedded monitors
 * config passes Witness's own validation, and the Prometheus rules pass {@code promtool check rules}
 * and their unit tests ({@code promtool test rules}) where promtool is installed.
 */
class DeployManifestsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path DEPLOY = findDeploy();

    @Test
    void configMapHoldsAValidMonitorsConfig() throws IOException {
        JsonNode cm = YAML.readTree(DEPLOY.resolve("flink/witness-monitors-configmap.yaml").toFile());
        WitnessConfig config = ConfigLoader.parse(cm.path("data").path("monitors.yaml").asText());
        assertThat(config.monitors()).isNotEmpty();
    }

    @Test
    void flinkDeploymentRunsTheEntryPointOnTheMountedConfig() throws Exception {
        JsonNode fd = YAML.readTree(DEPLOY.resolve("flink/witness-flinkdeployment.yaml").toFile());
        JsonNode job = fd.path("spec").path("job");
        Class.forName(job.path("entryClass").asText());   // the cluster jar's main class exists
        List<String> args = YAML.convertValue(job.path("args"), YAML.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        assertThat(args).containsExactly("--config", "/opt/witness/conf/monitors.yaml");
        JsonNode mounts = fd.path("spec").path("podTemplate").path("spec").path("containers").get(0).path("volumeMounts");
        Set<String> paths = new HashSet<>();
        mounts.forEach(m -> paths.add(m.path("mountPath").asText()));
        assertThat(paths).contains("/opt/witness/conf");
        assertThat(fd.path("spec").path("flinkConfiguration").path("state.backend.type").asText()).isEqualTo("rocksdb");
    }

    @Test
    void everyMetricInTheRulesIsOneWitnessExports() throws IOException {
        WitnessMetrics.EVENTS_IN.getClass();   // registers Witness's collectors
        Set<String> exported = new HashSet<>();
        for (Collector.MetricFamilySamples f : Collections.list(CollectorRegistry.defaultRegistry.metricFamilySamples())) {
            exported.add(f.name);
            for (String suffix : List.of("_total", "_bucket", "_sum", "_count", "_created")) {
                exported.add(f.name + suffix);
            }
        }
        String rules = Files.readString(DEPLOY.resolve("prometheus/witness-rules.yml"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\\bwitness_[a-z_]+").matcher(rules);
        Set<String> used = new TreeSet<>();
        while (m.find()) {
            used.add(m.group());
        }
        assertThat(used).isNotEmpty();
        assertThat(exported).containsAll(used);
    }

    @Test
    void rulesPassPromtoolCheckAndTheirUnitTests() throws Exception {
        assumeThat(onPath("promtool"))
                .as("promtool is not installed (Debian package 'prometheus'; .ci/run installs it): rule tests skipped")
                .isTrue();
        Path dir = DEPLOY.resolve("prometheus");
        assertThat(run(dir, "promtool", "check", "rules", "witness-rules.yml")).contains("SUCCESS");
        assertThat(run(dir, "promtool", "test", "rules", "witness-rules.test.yml")).contains("SUCCESS");
    }

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", String.join(" ", command)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s exit code; output:%n%s", String.join(" ", command), out).isZero();
        return out;
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /** deploy/ at the repository root, found from the module folder the tests run in. */
    private static Path findDeploy() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy/prometheus"))) {
                return p.resolve("deploy");
            }
        }
        throw new IllegalStateException("deploy/ not found above " + Path.of("").toAbsolutePath());
    }
}
