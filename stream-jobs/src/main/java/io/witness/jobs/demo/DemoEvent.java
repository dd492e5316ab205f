package io.witness.jobs.demo;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One synthetic event, and its JSON form on the input topic (the wire contract of schemas/README.md):
 * {@code {"key":"payments","time":1763800000000,"fields":{"latency_ms":118.2,...}}}.
 */
public record DemoEvent(String key, long timeMillis, Map<String, Double> fields) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public DemoEvent {
        // Insertion order is kept so that the JSON lists the fields in a stable, readable order.
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("key", key);
        root.put("time", timeMillis);
        ObjectNode values = root.putObject("fields");
        fields.forEach(values::put);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write event as JSON", e); // cannot happen for a tree of plain values
        }
    }
}
