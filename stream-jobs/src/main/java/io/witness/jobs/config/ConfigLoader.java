package io.witness.jobs.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.witness.operators.monitor.Durations;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.witness.operators.compute.Precision;
import io.witness.operators.monitor.MonitorMethod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates the monitors YAML. Everything is checked at start-up, and the first problem is
 * reported as one line naming the monitor, the field and the problem. The reference of every key and
 * its default is the README's "Configuration reference".
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]{0,99}");

    private ConfigLoader() {
    }

    public static WitnessConfig load(Path file) {
        return load(file, Map.of());
    }

    /**
     * @param kafkaOverrides Kafka client properties that override {@code kafka.properties} (the CLI's
     *                       {@code -P}); they may refer to the file's config providers too
     */
    public static WitnessConfig load(Path file, Map<String, String> kafkaOverrides) {
        try {
            return parse(Files.readString(file), kafkaOverrides);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
    }

    public static WitnessConfig parse(String yaml) {
        return parse(yaml, Map.of());
    }

    public static WitnessConfig parse(String yaml, Map<String, String> kafkaOverrides) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException("config is not valid YAML: " + yamlProblem(e));
        }
        Node root = new Node(tree, "", "");
        if (!root.present()) {
            throw new ConfigException("config is empty");
        }
        Set<String> provided = ConfigValues.resolve(tree, kafkaOverrides);
        root.allowOnly("kafka", "job", "defaults", "monitors", "bandits");
        KafkaSettings kafka = kafka(root.get("kafka").in("kafka"), provided);
        JobSettings job = job(root.get("job").in("job"));
        Node defaults = root.get("defaults").in("defaults");
        defaults.allowOnly("alerts-topic", "evidence-topic", "dead-letter-topic", "format", "alpha", "update-interval");

        List<Node> monitorNodes = root.get("monitors").elements();
        List<BanditConfig> bandits = BanditConfigLoader.load(root.get("bandits"), defaults);
        if (monitorNodes.isEmpty() && bandits.isEmpty()) {
            throw root.get("monitors").error("declare at least one monitor");
        }
        List<MonitorConfig> monitors = new java.util.ArrayList<>();
        Set<String> ids = new HashSet<>();
        Map<String, WireFormat> topicFormats = new LinkedHashMap<>();
        for (int i = 0; i < monitorNodes.size(); i++) {
            Node n = monitorNodes.get(i);
            MonitorConfig m = monitor(n, defaults, i + 1);
            if (!ids.add(m.id())) {
                throw n.in("monitor '" + m.id() + "'").get("id").error("duplicate monitor id");
            }
            WireFormat seen = topicFormats.putIfAbsent(m.topic(), m.format());
            if (seen != null && seen != m.format()) {
                throw n.in("monitor '" + m.id() + "'").get("source.format").error("topic '" + m.topic()
                        + "' is already read as " + seen.name().toLowerCase(Locale.ROOT) + " by another monitor");
            }
            monitors.add(m);
        }
        for (BanditConfig b : bandits) {
            if (!ids.add(b.id())) {
                throw new ConfigException("bandit '" + b.id() + "': field 'id': duplicate id (monitors and bandits share ids)");
            }
        }
        WitnessConfig config = new WitnessConfig(kafka, job, monitors, bandits);
        BanditConfigLoader.checkTopics(bandits, config.sourceTopics(), new WitnessConfig(kafka, job, monitors).outputTopics());
        for (MonitorConfig m : monitors) {
            if (config.sourceTopics().contains(m.alertsTopic()) || config.sourceTopics().contains(m.evidenceTopic())
                    || config.sourceTopics().contains(m.deadLetterTopic())) {
                throw new ConfigException("monitor '" + m.id() + "': field 'outputs': an output topic is also a source topic");
            }
        }
        return config;
    }

    /**
     * One line for a YAML syntax error. SnakeYAML's own message spans several lines (context, a quoted
     * snippet, a caret line, the problem): keep its context and problem, and the problem's line number.
     */
    private static String yamlProblem(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblem() != null) {
                String context = m.getContext() == null ? "" : m.getContext() + ": ";
                String line = m.getProblemMark() == null ? "" : " (line " + (m.getProblemMark().getLine() + 1) + ")";
                return oneLine(context + m.getProblem()) + line;
            }
        }
        return oneLine(e.getOriginalMessage())
                + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : "");
    }

    private static String oneLine(String s) {
        return String.valueOf(s).strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private static KafkaSettings kafka(Node n, Set<String> provided) {
        n.allowOnly("bootstrap-servers", "properties");
        Map<String, String> props = new LinkedHashMap<>();
        n.get("properties").scalarMap().forEach((k, v) -> props.put(k, String.valueOf(v)));
        return new KafkaSettings(n.get("bootstrap-servers").text("localhost:9092"), props, provided);
    }

    static final String DEFAULT_METRICS_PORTS = "9464-9479";

    private static JobSettings job(Node n) {
        n.allowOnly("name", "parallelism", "checkpoint-interval", "checkpoint-dir", "state-dir", "allowed-lateness",
                "max-record-bytes", "dedupe-window", "metrics-port", "transactional-id-prefix", "consumer-group",
                "start-from", "stop-at-latest", "batch", "backend", "backend-precision", "state-cache",
                "event-time-min", "event-time-max");
        Duration checkpoint = n.get("checkpoint-interval").duration(Duration.ofSeconds(10));
        if (checkpoint.toMillis() < 100) {
            throw n.get("checkpoint-interval").error("must be at least 100ms");
        }
        Duration lateness = n.get("allowed-lateness").duration(Duration.ofSeconds(30));
        String startFrom = n.get("start-from").text("earliest").toLowerCase(Locale.ROOT);
        if (!startFrom.equals("earliest") && !startFrom.equals("latest")) {
            throw n.get("start-from").error("must be earliest or latest, got '" + startFrom + "'");
        }
        String name = n.get("name").text("witness");
        return new JobSettings(
                name,
                n.get("parallelism").integer(1, 1, 4096),
                checkpoint,
                n.get("checkpoint-dir").text(null),
                n.get("state-dir").text(null),
                lateness,
                n.get("max-record-bytes").integer(1 << 20, 64, 64 << 20),
                n.get("dedupe-window").integer(16, 0, 1024),
                metricsPorts(n.get("metrics-port")),
                n.get("transactional-id-prefix").text(name),
                n.get("consumer-group").text(name),
                startFrom,
                n.get("stop-at-latest").bool(false),
                compute(n),
                eventTimes(n));
    }

    /** {@code job.event-time-min} and {@code job.event-time-max}: epoch ms or ISO-8601 instants. */
    private static EventTimeRange eventTimes(Node job) {
        long min = instant(job.get("event-time-min"), EventTimeRange.DEFAULT_MIN);
        long max = instant(job.get("event-time-max"), EventTimeRange.DEFAULT_MAX);
        try {
            return new EventTimeRange(min, max);
        } catch (IllegalArgumentException e) {
            throw job.get("event-time-max").error(e.getMessage());
        }
    }

    private static long instant(Node n, long dflt) {
        String v = n.text(null);
        if (v == null) {
            return dflt;
        }
        try {
            return EventTimeRange.parse(v);
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
    }

    /** {@code job.metrics-port}: a port or a range (default 9464-9479: several TaskManagers on one host each get one). */
    private static PortRange metricsPorts(Node n) {
        try {
            return PortRange.parse(n.text(DEFAULT_METRICS_PORTS));
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
    }

    /** {@code job.backend}, {@code job.backend-precision}, {@code job.batch.max-items}, {@code job.batch.max-delay}, {@code job.state-cache}. */
    private static ComputeSettings compute(Node job) {
        ComputeSettings d = ComputeSettings.defaults();
        String backend;
        try {
            backend = ComputeSettings.backendMode(job.get("backend").text(d.backend()));
        } catch (IllegalArgumentException e) {
            throw job.get("backend").error(e.getMessage());
        }
        Precision precision = enumValue(job.get("backend-precision"), Precision.class, d.precision());
        Node batch = job.get("batch");
        batch.allowOnly("max-items", "max-delay");
        int maxItems = batch.get("max-items").integer(d.batchMaxItems(), 1, ComputeSettings.MAX_BATCH_ITEMS);
        Duration maxDelay = batch.get("max-delay").duration(d.batchMaxDelay());
        if (maxDelay.toMillis() < 1 || maxDelay.compareTo(ComputeSettings.MAX_BATCH_DELAY) > 0) {
            throw batch.get("max-delay").error("must be between 1ms and 10m, got " + Durations.format(maxDelay));
        }
        long cache;
        try {
            cache = ComputeSettings.stateCacheSize(job.get("state-cache").text(ComputeSettings.AUTO));
        } catch (IllegalArgumentException e) {
            throw job.get("state-cache").error(e.getMessage());
        }
        return new ComputeSettings(backend, precision, maxItems, maxDelay, cache);
    }

    private static MonitorConfig monitor(Node raw, Node defaults, int position) {
        String id = raw.in("monitor #" + position).get("id").text(null);
        if (id == null || id.isBlank()) {
            throw raw.in("monitor #" + position).get("id").error("is required");
        }
        Node n = raw.in("monitor '" + id + "'");
        if (!ID.matcher(id).matches()) {
            throw n.get("id").error("use letters, digits, '.', '_' or '-' (at most 100), got '" + id + "'");
        }
        n.allowOnly("id", "source", "key", "type-field", "fields", "method", "params", "alpha", "outputs", "alert",
                "evidence-every", "reset-state");

        Node source = n.get("source");
        source.allowOnly("topic", "format");
        String topic = source.get("topic").requiredText();
        if (!validTopic(topic)) {
            throw source.get("topic").error("is not a valid Kafka topic name: '" + topic + "'");
        }
        WireFormat format = enumValue(source.get("format"), WireFormat.class,
                enumValue(defaults.get("format"), WireFormat.class, WireFormat.JSON));
        KeyField keyField = enumValue(n.get("key"), KeyField.class, KeyField.KEY);

        String methodName = n.get("method").requiredText();
        MonitorMethod method = MethodRegistry.get(methodName);
        if (method == null) {
            throw n.get("method").error("unknown method '" + methodName + "' (known: " + MethodRegistry.names() + ")");
        }

        KeyField typeField = null;
        if (method.usesEventType()) {
            typeField = enumValue(n.get("type-field"), KeyField.class, KeyField.TYPE);
            if (typeField == keyField) {
                throw n.get("type-field").error("must differ from 'key' (both are '"
                        + keyField.name().toLowerCase(Locale.ROOT) + "': every process would have one type)");
            }
        } else if (n.get("type-field").present()) {
            throw n.get("type-field").error("is only for methods that read event types, not " + method.name());
        }

        Node fields = n.get("fields");
        if (method.roleNames().isEmpty() && fields.present()) {
            throw fields.error(method.name() + " reads no fields (each event's type is its input): remove 'fields'");
        }
        if (!fields.present() && !method.roleNames().isEmpty()) {
            throw fields.error("is required: " + method.name() + " reads roles " + method.roleNames());
        }
        fields.allowOnly(method.roleNames().toArray(String[]::new));
        Map<String, List<FieldSpec>> roles = new LinkedHashMap<>();
        Map<String, Integer> dims = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (String role : method.roleNames()) {
            Node rn = fields.get(role);
            List<String> names = rn.textList();
            if (names.isEmpty()) {
                throw rn.error("is required: list the Event fields of role '" + role + "'");
            }
            List<FieldSpec> specs = new java.util.ArrayList<>();
            for (String s : names) {
                FieldSpec spec;
                try {
                    spec = FieldSpec.parse(s);
                } catch (IllegalArgumentException e) {
                    throw rn.error(e.getMessage());
                }
                if (!seen.add(spec.name())) {
                    throw rn.error("field '" + spec.name() + "' is listed twice");
                }
                specs.add(spec);
            }
            roles.put(role, specs);
            dims.put(role, specs.stream().mapToInt(FieldSpec::dimension).sum());
        }

        double alpha = n.get("alpha").number(defaults.get("alpha").number(0.05));
        if (!(alpha > 0 && alpha < 1)) {
            throw n.get("alpha").error("must be in (0, 1), got " + alpha);
        }
        Map<String, Object> params = n.get("params").scalarMap();
        try {
            method.configure(dims, alpha, params);
        } catch (IllegalArgumentException e) {
            throw n.get("params").error(e.getMessage());
        }

        Node outputs = n.get("outputs");
        outputs.allowOnly("alerts", "evidence", "dead-letters");
        String alerts = topic(outputs.get("alerts"), defaults.get("alerts-topic").text("witness.alerts"));
        String evidence = topic(outputs.get("evidence"), defaults.get("evidence-topic").text("witness.evidence"));
        String dead = topic(outputs.get("dead-letters"), defaults.get("dead-letter-topic").text("witness.dead-letters"));

        Node alert = n.get("alert");
        alert.allowOnly("update-interval");
        Duration update = alert.get("update-interval").duration(
                defaults.get("update-interval").duration(Duration.ofMinutes(1)));
        int every = n.get("evidence-every").integer(1, 1, 1_000_000);
        boolean resetState = n.get("reset-state").bool(false);
        return new MonitorConfig(id, topic, format, keyField, roles, methodName, params, alpha, alerts, evidence,
                dead, update, every, typeField, resetState);
    }

    /** Kafka's own rule: 1..249 of [a-zA-Z0-9._-], and not "." or "..". */
    private static boolean validTopic(String t) {
        return TOPIC.matcher(t).matches() && !t.equals(".") && !t.equals("..");
    }

    private static String topic(Node n, String dflt) {
        String t = n.text(dflt);
        if (!validTopic(t)) {
            throw n.error("is not a valid Kafka topic name: '" + t + "'");
        }
        return t;
    }

    private static <E extends Enum<E>> E enumValue(Node n, Class<E> type, E dflt) {
        String v = n.text(null);
        if (v == null) {
            return dflt;
        }
        try {
            return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
            }
            throw n.error("must be one of [" + allowed + "], got '" + v + "'");
        }
    }
}
