package io.witness.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.witness.operators.monitor.Durations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A YAML node with its path, so that every validation error names where it is
 * ({@code monitor 'm1': field 'alpha': must be in (0, 1), got 1.5}). Unknown keys are errors: a typo
 * in an operations config must not silently fall back to a default.
 */
final class Node {
    private final JsonNode node;
    private final String where;   // e.g. "monitor 'm1'" or "job"
    private final String path;    // e.g. "params.features"

    Node(JsonNode node, String where, String path) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.where = where;
        this.path = path;
    }

    boolean present() {
        return !node.isMissingNode() && !node.isNull();
    }

    Node get(String field) {
        return new Node(node.get(field), where, path.isEmpty() ? field : path + "." + field);
    }

    Node in(String newWhere) {
        return new Node(node, newWhere, "");
    }

    ConfigException error(String problem) {
        String prefix = where.isEmpty() ? "" : where + ": ";
        String field = path.isEmpty() ? "" : "field '" + path + "': ";
        return new ConfigException(prefix + field + problem);
    }

    void allowOnly(String... keys) {
        if (!present()) {
            return;
        }
        if (!node.isObject()) {
            throw error("must be a mapping");
        }
        Set<String> allowed = Set.of(keys);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw get(k).error("unknown field (known: " + new TreeSet<>(allowed) + ")");
            }
        }
    }

    String text(String dflt) {
        if (!present()) {
            return dflt;
        }
        if (!node.isValueNode()) {
            throw error("must be a single value");
        }
        return node.asText();
    }

    String requiredText() {
        String v = text(null);
        if (v == null || v.isBlank()) {
            throw error("is required");
        }
        return v.trim();
    }

    double number(double dflt) {
        if (!present()) {
            return dflt;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        try {
            return Double.parseDouble(node.asText().trim());
        } catch (NumberFormatException e) {
            throw error("must be a number, got '" + node.asText() + "'");
        }
    }

    int integer(int dflt, int min, int max) {
        if (!present()) {
            return dflt;
        }
        if (!(node.isIntegralNumber() || node.asText().trim().matches("-?\\d+"))) {
            throw error("must be a whole number, got '" + node.asText() + "'");
        }
        long v = node.isIntegralNumber() ? node.asLong() : Long.parseLong(node.asText().trim());
        if (v < min || v > max) {
            throw error("must be in [" + min + ", " + max + "], got " + v);
        }
        return (int) v;
    }

    boolean bool(boolean dflt) {
        if (!present()) {
            return dflt;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        String s = node.asText().trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw error("must be true or false, got '" + s + "'");
    }

    Duration duration(Duration dflt) {
        if (!present()) {
            return dflt;
        }
        try {
            return Durations.parse(node.asText());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    List<String> textList() {
        if (!present()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode n : node) {
                if (!n.isValueNode() || n.asText().isBlank()) {
                    throw error("must be a list of names");
                }
                out.add(n.asText().trim());
            }
        } else if (node.isValueNode()) {
            out.add(node.asText().trim());
        } else {
            throw error("must be a list of names");
        }
        return out;
    }

    /** A flat mapping of scalar values (strings, numbers, booleans) in file order. */
    Map<String, Object> scalarMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!present()) {
            return out;
        }
        if (!node.isObject()) {
            throw error("must be a mapping");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            if (!v.isValueNode()) {
                throw get(e.getKey()).error("must be a single value");
            }
            Object value = v.isIntegralNumber() ? (Object) v.asLong()
                    : v.isNumber() ? (Object) v.asDouble()
                    : v.isBoolean() ? (Object) v.asBoolean()
                    : v.asText();
            out.put(e.getKey(), value);
        }
        return out;
    }

    List<Node> elements() {
        List<Node> out = new ArrayList<>();
        if (!present()) {
            return out;
        }
        if (!node.isArray()) {
            throw error("must be a list");
        }
        int i = 0;
        for (JsonNode n : node) {
            out.add(new Node(n, where, path + "[" + i++ + "]"));
        }
        return out;
    }

    Iterator<String> fieldNames() {
        return node.fieldNames();
    }
}
