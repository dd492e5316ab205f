package io.witness.jobs.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One monitor as declared in the YAML file, validated.
 *
 * @param id               unique monitor id (appears in evidence, alerts and metric labels)
 * @param topic            source topic
 * @param format           source wire format
 * @param keyField         which Event attribute partitions the stream
 * @param roles            the method's input roles in order (for skit: x, y), each a list of fields
 * @param method           method name
 * @param params           method parameters (validated by the method)
 * @param alpha            false-alarm level in (0, 1)
 * @param alertsTopic      where alerts go
 * @param evidenceTopic    where evidence goes
 * @param deadLetterTopic  where this monitor's rejected records go
 * @param updateInterval   minimum event-time gap between two UPDATE records of one open alert
 * @param evidenceEvery    emit every k-th evidence step (alarms and resolutions always)
 * @param typeField        which Event attribute is the event type, for point-process methods
 *                         ({@code hawkes}); null for methods that do not read it
 * @param resetState       when a restore finds this monitor's state written under another state shape,
 *                         start its keys fresh instead of failing ({@code reset-state}, {@code --reset-state})
 */
public record MonitorConfig(String id, String topic, WireFormat format, KeyField keyField,
                            Map<String, List<FieldSpec>> roles, String method, Map<String, Object> params,
                            double alpha, String alertsTopic, String evidenceTopic, String deadLetterTopic,
                            Duration updateInterval, int evidenceEvery, KeyField typeField,
                            boolean resetState) implements Serializable {

    public MonitorConfig {
        roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** A monitor that keeps its state across a state-shape change only by failing (no reset). */
    public MonitorConfig(String id, String topic, WireFormat format, KeyField keyField,
                         Map<String, List<FieldSpec>> roles, String method, Map<String, Object> params,
                         double alpha, String alertsTopic, String evidenceTopic, String deadLetterTopic,
                         Duration updateInterval, int evidenceEvery, KeyField typeField) {
        this(id, topic, format, keyField, roles, method, params, alpha, alertsTopic, evidenceTopic, deadLetterTopic,
                updateInterval, evidenceEvery, typeField, false);
    }

    /** This monitor with the reset switch set. */
    public MonitorConfig withResetState() {
        return new MonitorConfig(id, topic, format, keyField, roles, method, params, alpha, alertsTopic, evidenceTopic,
                deadLetterTopic, updateInterval, evidenceEvery, typeField, true);
    }

    /** A monitor whose method does not read event types. */
    public MonitorConfig(String id, String topic, WireFormat format, KeyField keyField,
                         Map<String, List<FieldSpec>> roles, String method, Map<String, Object> params,
                         double alpha, String alertsTopic, String evidenceTopic, String deadLetterTopic,
                         Duration updateInterval, int evidenceEvery) {
        this(id, topic, format, keyField, roles, method, params, alpha, alertsTopic, evidenceTopic, deadLetterTopic,
                updateInterval, evidenceEvery, null);
    }

    /** All fields in input order: role by role, field by field. */
    public List<FieldSpec> inputFields() {
        List<FieldSpec> all = new ArrayList<>();
        roles.values().forEach(all::addAll);
        return all;
    }
}
