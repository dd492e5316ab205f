package io.witness.jobs.deploy;

import static io.witness.jobs.deploy.DeployFiles.DEPLOY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus side of deploy/: the alerting rules pass {@code promtool check rules} and their unit
 * tests ({@code promtool test rules}), every alert has a firing and a quiet unit test, the plain scrape
 * config passes {@code promtool check config}, and the Grafana dashboard is well formed with PromQL that
 * Prometheus parses. promtool comes from Debian's {@code prometheus} package ({@code .ci/run} installs
 * it); without it those checks are skipped with a message, never faked. That every queried metric is
 * really exported is checked against a running job in {@code LiveDemoTest}.
 */
class DeployPrometheusTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String NO_PROMTOOL =
            "promtool is not installed (Debian package 'prometheus'; .ci/run installs it): promtool checks skipped";

    @TempDir
    Path tmp;

    @Test
    void rulesPassPromtoolCheckAndTheirUnitTests() throws Exception {
        assumeThat(onPath("promtool")).as(NO_PROMTOOL).isTrue();
        Path dir = DEPLOY.resolve("prometheus");
        assertThat(run(dir, "promtool", "check", "rules", "witness-rules.yml")).contains("SUCCESS");
        assertThat(run(dir, "promtool", "test", "rules", "witness-rules.test.yml")).contains("SUCCESS");
    }

    @Test
    void everyAlertHasAFiringAndAQuietUnitTest() throws Exception {
        Set<String> alerts = new TreeSet<>();
        for (JsonNode g : YAML.readTree(DeployFiles.RULES.toFile()).path("groups")) {
            g.path("rules").forEach(r -> alerts.add(r.path("alert").asText()));
        }
        Map<String, Set<String>> cases = new TreeMap<>();
        for (JsonNode t : YAML.readTree(DEPLOY.resolve("prometheus/witness-rules.test.yml").toFile()).path("tests")) {
            for (JsonNode a : t.path("alert_rule_test")) {
                cases.computeIfAbsent(a.path("alertname").asText(), k -> new TreeSet<>())
                        .add(a.path("exp_alerts").isEmpty() ? "quiet" : "firing");
            }
        }
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(14);
        for (String alert : alerts) {
            assertThat(cases.get(alert)).as("unit test cases of %s", alert).containsExactlyInAnyOrder("firing", "quiet");
        }
        assertThat(alerts).containsAll(cases.keySet());
        for (JsonNode g : YAML.readTree(DeployFiles.RULES.toFile()).path("groups")) {
            for (JsonNode r : g.path("rules")) {
                assertThat(r.path("labels").path("severity").asText()).as("severity of %s", r.path("alert").asText())
                        .isIn("page", "ticket", "info");
                assertThat(r.path("annotations").path("summary").asText()).isNotBlank();
            }
        }
    }

    @Test
    void plainPrometheusConfigPassesPromtoolCheckConfig() throws Exception {
        assumeThat(onPath("promtool")).as(NO_PROMTOOL).isTrue();
        Path config = DEPLOY.resolve("prometheus/prometheus.yml");
        Path copy = tmp.resolve("prometheus.yml");
        Files.copy(DeployFiles.RULES, tmp.resolve("witness-rules.yml"));
        Files.copy(config, copy);
        String out = runAllowingFailure(tmp, "promtool", "check", "config", "prometheus.yml");
        if (out.contains("field kubernetes_sd_configs not found")) {
            // Debian builds promtool without Kubernetes service discovery: check everything else of the file
            // (relabelling, rule files) with each kubernetes_sd_configs swapped for a static target.
            ObjectNode c = (ObjectNode) YAML.readTree(config.toFile());
            int swapped = 0;
            for (JsonNode job : c.path("scrape_configs")) {
                if (((ObjectNode) job).remove("kubernetes_sd_configs") != null) {
                    ArrayNode sc = ((ObjectNode) job).putArray("static_configs");
                    sc.addObject().putArray("targets").add("localhost:9464");
                    swapped++;
                }
            }
            assertThat(swapped).isEqualTo(2);
            YAML.writeValue(copy.toFile(), c);
            out = run(tmp, "promtool", "check", "config", "prometheus.yml");
        }
        assertThat(out).contains("SUCCESS: 1 rule files found").contains("is valid prometheus config file syntax");
    }

    @Test
    void dashboardIsWellFormedWithTheDatasourceAsAVariable() throws Exception {
        JsonNode d = DeployFiles.dashboard();
        assertThat(d.path("title").asText()).isNotBlank();
        assertThat(d.path("uid").asText()).matches("[a-zA-Z0-9_-]{1,40}");
        JsonNode ds = null;
        for (JsonNode v : d.path("templating").path("list")) {
            if (v.path("type").asText().equals("datasource")) {
                ds = v;
            }
        }
        assertThat(ds).as("a datasource variable").isNotNull();
        assertThat(ds.path("query").asText()).isEqualTo("prometheus");
        String dsRef = "${" + ds.path("name").asText() + "}";
        Set<Integer> ids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        int queries = 0;
        for (JsonNode p : DeployFiles.panels(d)) {
            assertThat(ids.add(p.path("id").asInt())).as("unique panel id %s", p.path("id")).isTrue();
            JsonNode pos = p.path("gridPos");
            assertThat(pos.path("x").asInt() + pos.path("w").asInt()).as("panel %s fits 24 columns", p.path("title")).isBetween(1, 24);
            if (p.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(titles.add(p.path("title").asText())).as("unique panel title %s", p.path("title")).isTrue();
            assertThat(p.path("datasource").path("uid").asText()).as("datasource of %s", p.path("title")).isEqualTo(dsRef);
            assertThat(p.path("targets").size()).as("queries of %s", p.path("title")).isPositive();
            for (JsonNode t : p.path("targets")) {
                assertThat(t.path("expr").asText()).isNotBlank();
                assertThat(t.path("datasource").path("uid").asText()).isEqualTo(dsRef);
                queries++;
            }
        }
        assertThat(queries).isGreaterThanOrEqualTo(20);
        // the panels the issues ask for
        assertThat(titles).contains("Events in", "Dead letters", "Alerts opened", "Strongest e-value (log scale)",
                "Smallest p-value (log scale)", "Processing latency", "Compute backend", "State per key", "Kafka consumer lag",
                "Hawkes branching ratio", "Hawkes refits", "Hawkes alarms by kind",
                "Bandit decisions", "Bandit feedback by outcome", "Bandit pending and expired decisions", "Bandit regret proxy",
                "Bandit privacy budget (jdp)");
    }

    @Test
    void dashboardQueriesAreValidPromQl() throws Exception {
        assumeThat(onPath("promtool")).as(NO_PROMTOOL).isTrue();
        // promtool parses PromQL when it checks rules: one recording rule per panel query, Grafana's variables
        // replaced by values they take
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int i = 0;
        for (JsonNode p : DeployFiles.panels(DeployFiles.dashboard())) {
            for (JsonNode t : p.path("targets")) {
                String expr = t.path("expr").asText().replace("$__rate_interval", "1m")
                        .replace("$monitor", ".*").replace("$job_name", ".*").replace("$bandit", ".*");
                rules.append("      - record: dashboard:query_").append(i++).append("\n        expr: ")
                        .append(new ObjectMapper().writeValueAsString(expr)).append('\n');
            }
        }
        Path file = tmp.resolve("dashboard-queries.yml");
        Files.writeString(file, rules, StandardCharsets.UTF_8);
        assertThat(run(tmp, "promtool", "check", "rules", file.getFileName().toString())).contains("SUCCESS: " + i + " rules found");
    }

    @Test
    void promQlNamesAreFoundInExpressions() {
        assertThat(PromQl.metricNames("sum by (le, monitor) (rate(witness_processing_latency_seconds_bucket{monitor=~\"$monitor\"}[$__rate_interval]))"))
                .containsExactly("witness_processing_latency_seconds_bucket");
        assertThat(PromQl.metricNames("(time() - max by (job_name) (flink_a) / 1000) > 600 and max by (job_name) (flink_b) > 6e5"))
                .containsExactly("flink_a", "flink_b");
        assertThat(PromQl.metricNames("max by (monitor) (x) >= 0.5 * max by (monitor) (-ln(witness_monitor_alpha)) unless on(monitor) y offset 5m"))
                .containsExactly("x", "witness_monitor_alpha", "y");
        assertThat(PromQl.metricNames("up{job=\"witness\"} == 0")).containsExactly("up");
        assertThat(PromQl.exposedNames("# HELP h x\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\n# TYPE c counter\nc_total 1\nc_created 5\n"))
                .contains("h", "h_bucket", "h_sum", "h_count", "c_total", "c_created");
        assertThat(PromQl.exposedNames("# TYPE g gauge\n# TYPE s summary\n# TYPE c counter\nc_total{a=\"x\"} 0\n"))
                .as("families declared without a series are not exported").containsExactlyInAnyOrder("c_total", "c");
    }

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", String.join(" ", command)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s exit code; output:%n%s", String.join(" ", command), out).isZero();
        return out;
    }

    private static String runAllowingFailure(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    static boolean onPath(String tool) {
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
}
