package io.witness.jobs.config;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The whole configuration: Kafka, job settings, the monitors and the bandits. Immutable and serialisable (it travels with the job graph). */
public record WitnessConfig(KafkaSettings kafka, JobSettings job, List<MonitorConfig> monitors,
                            List<BanditConfig> bandits) implements Serializable {

    public WitnessConfig {
        monitors = Collections.unmodifiableList(new ArrayList<>(monitors));
        bandits = Collections.unmodifiableList(new ArrayList<>(bandits));
    }

    /** A configuration without bandits. */
    public WitnessConfig(KafkaSettings kafka, JobSettings job, List<MonitorConfig> monitors) {
        this(kafka, job, monitors, List.of());
    }

    public WitnessConfig withBootstrapServers(String servers) {
        return new WitnessConfig(new KafkaSettings(servers, kafka.properties(), kafka.provided()), job, monitors, bandits);
    }

    public WitnessConfig withKafkaProperties(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(kafka.properties());
        merged.putAll(extra);
        Set<String> provided = new LinkedHashSet<>(kafka.provided());
        provided.removeAll(extra.keySet());   // given in plain text now
        return new WitnessConfig(new KafkaSettings(kafka.bootstrapServers(), merged, provided), job, monitors, bandits);
    }

    /**
     * This configuration with the reset switch set on the named monitors ({@code --reset-state}).
     *
     * @throws ConfigException naming an id that is not a monitor of this configuration
     */
    public WitnessConfig withResetState(Set<String> ids) {
        Set<String> unknown = new LinkedHashSet<>(ids);
        List<MonitorConfig> out = new ArrayList<>();
        for (MonitorConfig m : monitors) {
            out.add(unknown.remove(m.id()) ? m.withResetState() : m);
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException("--reset-state: no monitor '" + unknown.iterator().next() + "' in the config");
        }
        return new WitnessConfig(kafka, job, out, bandits);
    }

    public WitnessConfig withJob(JobSettings newJob) {
        return new WitnessConfig(kafka, newJob, monitors, bandits);
    }

    /** The bandits' input topics (requests and feedback), in declaration order. */
    public Set<String> banditTopics() {
        Set<String> out = new LinkedHashSet<>();
        for (BanditConfig b : bandits) {
            out.add(b.requestsTopic());
            out.add(b.feedbackTopic());
        }
        return out;
    }

    /** Distinct source topics, in declaration order. */
    public Set<String> sourceTopics() {
        Set<String> out = new LinkedHashSet<>();
        monitors.forEach(m -> out.add(m.topic()));
        return out;
    }

    /** Every topic the job writes to. */
    public Set<String> outputTopics() {
        Set<String> out = new LinkedHashSet<>();
        for (MonitorConfig m : monitors) {
            out.add(m.alertsTopic());
            out.add(m.evidenceTopic());
            out.add(m.deadLetterTopic());
        }
        for (BanditConfig b : bandits) {
            out.add(b.decisionsTopic());
            out.add(b.deadLetterTopic());
        }
        return out;
    }

    public MonitorConfig monitor(String id) {
        for (MonitorConfig m : monitors) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no monitor '" + id + "'");
    }
}
