package io.witness.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation error is a {@link ConfigException} whose message is one line naming where (the
 * monitor or section), the field, and the problem.
 */
class ConfigLoaderErrorsTest {

    /** A valid monitor 'm1'; each case replaces or adds one line. */
    private static String m1(String... extra) {
        StringBuilder sb = new StringBuilder("""
                  - id: m1
                    source: {topic: events}
                    fields: {x: [a], y: [b]}
                    method: skit
                """);
        for (String e : extra) {
            sb.append("    ").append(e).append('\n');
        }
        return sb.toString();
    }

    private static String monitors(String... blocks) {
        return "monitors:\n" + String.join("", blocks);
    }

    /** A monitor block written out in full (for cases that change source, fields or method). */
    private static String monitor(String id, String source, String fields, String method, String... extra) {
        StringBuilder sb = new StringBuilder("  - id: " + id + "\n");
        if (source != null) {
            sb.append("    source: ").append(source).append('\n');
        }
        if (fields != null) {
            sb.append("    fields: ").append(fields).append('\n');
        }
        if (method != null) {
            sb.append("    method: ").append(method).append('\n');
        }
        for (String e : extra) {
            sb.append("    ").append(e).append('\n');
        }
        return sb.toString();
    }

    static Stream<Arguments> invalidConfigs() {
        return Stream.of(
                // name, yaml, the exact message
                Arguments.of("unknown top-level key", "monitor: []\n" + monitors(m1()),
                        "field 'monitor': unknown field (known: [bandits, defaults, job, kafka, monitors])"),
                Arguments.of("unknown job key", "job: {paralellism: 2}\n" + monitors(m1()),
                        "job: field 'paralellism': unknown field (known: [allowed-lateness, backend, backend-precision, "
                                + "batch, checkpoint-dir, checkpoint-interval, consumer-group, dedupe-window, event-time-max, "
                                + "event-time-min, max-record-bytes, metrics-port, name, parallelism, start-from, state-cache, "
                                + "state-dir, stop-at-latest, transactional-id-prefix])"),
                Arguments.of("state-cache not a size", "job: {state-cache: lots}\n" + monitors(m1()),
                        "job: field 'state-cache': must be auto, off, or a size such as 512mb, got 'lots'"),
                Arguments.of("unknown monitor key", monitors(m1("alpah: 0.1")),
                        "monitor 'm1': field 'alpah': unknown field (known: [alert, alpha, evidence-every, fields, "
                                + "id, key, method, outputs, params, reset-state, source, type-field])"),
                Arguments.of("unknown method", monitors(monitor("m1", "{topic: events}", "{x: [a], y: [b]}", "skitt")),
                        "monitor 'm1': field 'method': unknown method 'skitt' (known: [skit, kernel-forecast, nplm, noop, hawkes, "
                                + "ksd, pksd, sequence-ksd, mmd-betting])"),
                Arguments.of("missing method", monitors(monitor("m1", "{topic: events}", "{x: [a], y: [b]}", null)),
                        "monitor 'm1': field 'method': is required"),
                Arguments.of("unknown SKIT parameter", monitors(m1("params: {featurs: 8}")),
                        "monitor 'm1': field 'params': parameter 'featurs' unknown parameter (known: [agrapa-truncation, "
                                + "bandwidth-x, bandwidth-y, bettor, burn-in, features, forgetting, max-history, "
                                + "ons-truncation, precision, resolve-after, seed, witness])"),
                Arguments.of("SKIT parameter out of range", monitors(m1("params: {features: 0}")),
                        "monitor 'm1': field 'params': parameter 'features' must be in [1, 1024], got 0"),
                Arguments.of("SKIT parameter of the wrong type", monitors(m1("params: {features: many}")),
                        "monitor 'm1': field 'params': parameter 'features' must be a whole number, got 'many'"),
                Arguments.of("SKIT unknown bettor", monitors(m1("params: {bettor: kelly}")),
                        "monitor 'm1': field 'params': parameter 'bettor' must be one of [agrapa, mixture, ons], got 'kelly'"),
                Arguments.of("SKIT one bandwidth only", monitors(m1("params: {bandwidth-x: 1.0}")),
                        "monitor 'm1': field 'params': parameter 'bandwidth-y' is required when 'bandwidth-x' is set "
                                + "(fix both bandwidths or neither)"),
                Arguments.of("SKIT burn-in too short for the median heuristic", monitors(m1("params: {burn-in: 1}")),
                        "monitor 'm1': field 'params': parameter 'burn-in' must be at least 2 when the bandwidths are set "
                                + "by the median heuristic (0 needs bandwidth-x and bandwidth-y), got 1"),
                Arguments.of("SKIT parameter not a scalar", monitors(m1("params: {features: [1, 2]}")),
                        "monitor 'm1': field 'params.features': must be a single value"),
                Arguments.of("missing fields", monitors(monitor("m1", "{topic: events}", null, "skit")),
                        "monitor 'm1': field 'fields': is required: skit reads roles [x, y]"),
                Arguments.of("missing x fields", monitors(monitor("m1", "{topic: events}", "{y: [b]}", "skit")),
                        "monitor 'm1': field 'fields.x': is required: list the Event fields of role 'x'"),
                Arguments.of("missing y fields", monitors(monitor("m1", "{topic: events}", "{x: [a], y: []}", "skit")),
                        "monitor 'm1': field 'fields.y': is required: list the Event fields of role 'y'"),
                Arguments.of("unknown role", monitors(monitor("m1", "{topic: events}", "{x: [a], y: [b], z: [c]}", "skit")),
                        "monitor 'm1': field 'fields.z': unknown field (known: [x, y])"),
                Arguments.of("field listed twice", monitors(monitor("m1", "{topic: events}", "{x: [a], y: [a]}", "skit")),
                        "monitor 'm1': field 'fields.y': field 'a' is listed twice"),
                Arguments.of("bad field name", monitors(monitor("m1", "{topic: events}", "{x: ['lat ms'], y: [b]}", "skit")),
                        "monitor 'm1': field 'fields.x': 'lat ms' is not a field name (letters, digits, _ . : -) "
                                + "or a vector field like emb[8]"),
                Arguments.of("vector of dimension 0", monitors(monitor("m1", "{topic: events}", "{x: ['emb[0]'], y: [b]}", "skit")),
                        "monitor 'm1': field 'fields.x': vector field 'emb[0]' must have a dimension in [1, 4096]"),
                Arguments.of("alpha zero", monitors(m1("alpha: 0")),
                        "monitor 'm1': field 'alpha': must be in (0, 1), got 0.0"),
                Arguments.of("alpha negative", monitors(m1("alpha: -0.1")),
                        "monitor 'm1': field 'alpha': must be in (0, 1), got -0.1"),
                Arguments.of("alpha one", monitors(m1("alpha: 1")),
                        "monitor 'm1': field 'alpha': must be in (0, 1), got 1.0"),
                Arguments.of("alpha above one", monitors(m1("alpha: 1.5")),
                        "monitor 'm1': field 'alpha': must be in (0, 1), got 1.5"),
                Arguments.of("alpha not a number", monitors(m1("alpha: five percent")),
                        "monitor 'm1': field 'alpha': must be a number, got 'five percent'"),
                Arguments.of("alpha NaN", monitors(m1("alpha: NaN")),
                        "monitor 'm1': field 'alpha': must be in (0, 1), got NaN"),
                Arguments.of("duplicate id", monitors(m1(), m1()),
                        "monitor 'm1': field 'id': duplicate monitor id"),
                Arguments.of("missing id", monitors("  - source: {topic: events}\n    fields: {x: [a], y: [b]}\n    method: skit\n"),
                        "monitor #1: field 'id': is required"),
                Arguments.of("bad id", monitors(monitor("m 1", "{topic: events}", "{x: [a], y: [b]}", "skit")),
                        "monitor 'm 1': field 'id': use letters, digits, '.', '_' or '-' (at most 100), got 'm 1'"),
                Arguments.of("bad source topic name", monitors(monitor("m1", "{topic: 'bad topic!'}", "{x: [a], y: [b]}", "skit")),
                        "monitor 'm1': field 'source.topic': is not a valid Kafka topic name: 'bad topic!'"),
                Arguments.of("topic name '..'", monitors(monitor("m1", "{topic: '..'}", "{x: [a], y: [b]}", "skit")),
                        "monitor 'm1': field 'source.topic': is not a valid Kafka topic name: '..'"),
                Arguments.of("missing source topic", monitors(monitor("m1", "{format: json}", "{x: [a], y: [b]}", "skit")),
                        "monitor 'm1': field 'source.topic': is required"),
                Arguments.of("topic name '.'", monitors(monitor("m1", "{topic: '.'}", "{x: [a], y: [b]}", "skit")),
                        "monitor 'm1': field 'source.topic': is not a valid Kafka topic name: '.'"),
                Arguments.of("output topic name '..'", monitors(m1("outputs: {alerts: '..'}")),
                        "monitor 'm1': field 'outputs.alerts': is not a valid Kafka topic name: '..'"),
                Arguments.of("bad output topic name", monitors(m1("outputs: {alerts: 'ops/alerts'}")),
                        "monitor 'm1': field 'outputs.alerts': is not a valid Kafka topic name: 'ops/alerts'"),
                Arguments.of("bad default topic name", "defaults: {dead-letter-topic: 'x y'}\n" + monitors(m1()),
                        "monitor 'm1': field 'outputs.dead-letters': is not a valid Kafka topic name: 'x y'"),
                Arguments.of("output topic is a source topic", monitors(m1("outputs: {evidence: events}")),
                        "monitor 'm1': field 'outputs': an output topic is also a source topic"),
                Arguments.of("unknown format", monitors(monitor("m1", "{topic: events, format: protobuf}", "{x: [a], y: [b]}", "skit")),
                        "monitor 'm1': field 'source.format': must be one of [json, avro], got 'protobuf'"),
                Arguments.of("same topic read with two formats", monitors(m1(),
                                monitor("m2", "{topic: events, format: avro}", "{x: [a], y: [b]}", "skit")),
                        "monitor 'm2': field 'source.format': topic 'events' is already read as json by another monitor"),
                Arguments.of("unknown key field", monitors(m1("key: host")),
                        "monitor 'm1': field 'key': must be one of [key, type, source], got 'host'"),
                Arguments.of("bad update-interval", monitors(m1("alert: {update-interval: 5 minutes}")),
                        "monitor 'm1': field 'alert.update-interval': expected a duration like 250ms, 30s, 5m, 2h, got '5 minutes'"),
                Arguments.of("negative update-interval", monitors(m1("alert: {update-interval: -5s}")),
                        "monitor 'm1': field 'alert.update-interval': expected a duration like 250ms, 30s, 5m, 2h, got '-5s'"),
                Arguments.of("bad default update-interval", "defaults: {update-interval: soon}\n" + monitors(m1()),
                        "defaults: field 'update-interval': expected a duration like 250ms, 30s, 5m, 2h, got 'soon'"),
                Arguments.of("bad checkpoint-interval", "job: {checkpoint-interval: 10x}\n" + monitors(m1()),
                        "job: field 'checkpoint-interval': expected a duration like 250ms, 30s, 5m, 2h, got '10x'"),
                Arguments.of("checkpoint-interval too short", "job: {checkpoint-interval: 50ms}\n" + monitors(m1()),
                        "job: field 'checkpoint-interval': must be at least 100ms"),
                Arguments.of("bad allowed-lateness", "job: {allowed-lateness: 1.5s}\n" + monitors(m1()),
                        "job: field 'allowed-lateness': expected a duration like 250ms, 30s, 5m, 2h, got '1.5s'"),
                Arguments.of("parallelism out of range", "job: {parallelism: 0}\n" + monitors(m1()),
                        "job: field 'parallelism': must be in [1, 4096], got 0"),
                Arguments.of("max-record-bytes not a number", "job: {max-record-bytes: big}\n" + monitors(m1()),
                        "job: field 'max-record-bytes': must be a whole number, got 'big'"),
                Arguments.of("bad start-from", "job: {start-from: middle}\n" + monitors(m1()),
                        "job: field 'start-from': must be earliest or latest, got 'middle'"),
                Arguments.of("bad stop-at-latest", "job: {stop-at-latest: maybe}\n" + monitors(m1()),
                        "job: field 'stop-at-latest': must be true or false, got 'maybe'"),
                Arguments.of("unknown backend", "job: {backend: gpu}\n" + monitors(m1()),
                        "job: field 'backend': must be one of [auto, cpu, cuda], got 'gpu'"),
                Arguments.of("backend not a single value", "job: {backend: [cpu]}\n" + monitors(m1()),
                        "job: field 'backend': must be a single value"),
                Arguments.of("unknown backend precision", "job: {backend-precision: half}\n" + monitors(m1()),
                        "job: field 'backend-precision': must be one of [double, float], got 'half'"),
                Arguments.of("unknown batch key", "job: {batch: {max-item: 8}}\n" + monitors(m1()),
                        "job: field 'batch.max-item': unknown field (known: [max-delay, max-items])"),
                Arguments.of("batch not a mapping", "job: {batch: 8}\n" + monitors(m1()),
                        "job: field 'batch': must be a mapping"),
                Arguments.of("batch max-items zero", "job: {batch: {max-items: 0}}\n" + monitors(m1()),
                        "job: field 'batch.max-items': must be in [1, 100000], got 0"),
                Arguments.of("batch max-items too large", "job: {batch: {max-items: 200000}}\n" + monitors(m1()),
                        "job: field 'batch.max-items': must be in [1, 100000], got 200000"),
                Arguments.of("batch max-items not a number", "job: {batch: {max-items: lots}}\n" + monitors(m1()),
                        "job: field 'batch.max-items': must be a whole number, got 'lots'"),
                Arguments.of("batch max-delay zero", "job: {batch: {max-delay: 0ms}}\n" + monitors(m1()),
                        "job: field 'batch.max-delay': must be between 1ms and 10m, got 0ms"),
                Arguments.of("batch max-delay too long", "job: {batch: {max-delay: 1h}}\n" + monitors(m1()),
                        "job: field 'batch.max-delay': must be between 1ms and 10m, got 1h"),
                Arguments.of("batch max-delay not a duration", "job: {batch: {max-delay: soon}}\n" + monitors(m1()),
                        "job: field 'batch.max-delay': expected a duration like 250ms, 30s, 5m, 2h, got 'soon'"),
                Arguments.of("evidence-every zero", monitors(m1("evidence-every: 0")),
                        "monitor 'm1': field 'evidence-every': must be in [1, 1000000], got 0"),
                Arguments.of("no monitors", "job: {name: x}\n",
                        "field 'monitors': declare at least one monitor"),
                Arguments.of("monitors not a list", "monitors: {id: m1}\n",
                        "field 'monitors': must be a list"),
                Arguments.of("empty file", "",
                        "config is empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigs")
    void reportsOneLineNamingMonitorFieldAndProblem(String name, String yaml, String expected) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml));

        assertThat(e).as("%s must be rejected", name).isNotNull();
        assertThat(e.getMessage()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notYaml")
    void yamlSyntaxErrorsAreOneLineWithTheLineNumber(String name, String yaml, String expected) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo("config is not valid YAML: " + expected);
    }

    static Stream<Arguments> notYaml() {
        return Stream.of(
                Arguments.of("unclosed flow mapping", "monitors:\n  - id: m1\n    source: {topic: events\n",
                        "while parsing a flow mapping: expected ',' or '}', but got <stream end> (line 4)"),
                Arguments.of("bad indentation", "monitors:\n  - id: m1\n     method: skit\n   fields: x\n",
                        "mapping values are not allowed here (line 3)"),
                Arguments.of("tab indentation", "monitors:\n\t- id: m1\n",
                        "while scanning for the next token: found character '\\t(TAB)' that cannot start any token. "
                                + "(Do not use \\t(TAB) for indentation) (line 2)"));
    }
}
