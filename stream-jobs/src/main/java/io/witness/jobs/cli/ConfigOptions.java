package io.witness.jobs.cli;

import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.WitnessConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.Map;

/** Options shared by the commands that read a monitors YAML and talk to Kafka. */
final class ConfigOptions {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The monitors YAML file.")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "Kafka bootstrap servers (overrides kafka.bootstrap-servers).")
    String bootstrapServers;

    @Option(names = {"-P", "--kafka-property"}, paramLabel = "KEY=VALUE",
            description = "Any Kafka client property (SASL, TLS, ...), for every client of the job; repeatable. "
                    + "Overrides kafka.properties; may refer to the config's providers ($${env:NAME}, $${file:/path:key}). "
                    + "Secret values are never logged.")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Option(names = "--reset-state", paramLabel = "MONITOR",
            description = "When restoring, start this monitor's keys fresh if its state-shaping parameters changed "
                    + "(instead of refusing to start); other monitors keep their state. Repeatable. "
                    + "Same as 'reset-state: true' on the monitor.")
    Set<String> resetState = new LinkedHashSet<>();

    WitnessConfig load() {
        WitnessConfig c = ConfigLoader.load(config, kafkaProperties);
        if (bootstrapServers != null) {
            c = c.withBootstrapServers(bootstrapServers);
        }
        if (!resetState.isEmpty()) {
            c = c.withResetState(resetState);
        }
        return c;
    }
}
