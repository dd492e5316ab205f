package io.witness.jobs.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's deploy/ folder and the metric names its rules and dashboard query. */
public final class DeployFiles {
    public static final Path DEPLOY = find();
    public static final Path RULES = DEPLOY.resolve("prometheus/witness-rules.yml");
    public static final Path DASHBOARD = DEPLOY.resolve("grafana/witness-dashboard.json");

    /**
     * Names the rules and the dashboard may query although the running job does not export them, each with
     * the reason (deploy/README.md lists the same). Everything else must be scraped from a running job.
     */
    public static final Map<String, String> NOT_FROM_THE_JOB = Map.of(
            "up", "Prometheus' own series per scrape target (1 = the scrape worked)",
            "witness_bandit_privacy_epsilon_spent", "jdp bandits only; the demo's alert-triage is gp-ucb (created at 0 for jdp: BanditProcessorTest)",
            "witness_bandit_privacy_epsilon_budget", "jdp bandits only; the demo's alert-triage is gp-ucb (set at start for jdp: BanditProcessorTest)");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,");

    private DeployFiles() {
    }

    /** Every {@code expr} of the alerting rules. */
    public static List<String> ruleExpressions() throws IOException {
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode group : YAML.readTree(RULES.toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                out.add(rule.path("expr").asText());
            }
        }
        return out;
    }

    public static Set<String> metricsQueriedByRules() throws IOException {
        Set<String> out = new LinkedHashSet<>();
        ruleExpressions().forEach(e -> out.addAll(PromQl.metricNames(e)));
        return out;
    }

    public static JsonNode dashboard() throws IOException {
        return JSON.readTree(DASHBOARD.toFile());
    }

    /** Panels, rows' nested panels included. */
    public static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            out.add(p);
            p.path("panels").forEach(out::add);
        }
        return out;
    }

    /** Names in every panel target's {@code expr} and in the {@code label_values(metric, label)} of the variables. */
    public static Set<String> metricsQueriedByDashboard() throws IOException {
        JsonNode d = dashboard();
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode p : panels(d)) {
            for (JsonNode t : p.path("targets")) {
                out.addAll(PromQl.metricNames(t.path("expr").asText()));
            }
        }
        for (JsonNode v : d.path("templating").path("list")) {
            JsonNode q = v.path("query");
            Matcher m = LABEL_VALUES.matcher(q.isObject() ? q.path("query").asText() : q.asText());
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static Path find() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy/prometheus"))) {
                return p.resolve("deploy");
            }
        }
        throw new IllegalStateException("deploy/ not found above " + Path.of("").toAbsolutePath());
    }
}
