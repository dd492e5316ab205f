package io.witness.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prepares the parsed YAML before it is read: takes out the top-level config-provider settings
 * ({@link ConfigProviders}), merges the command line's Kafka properties into {@code kafka.properties}, and
 * replaces every text value that refers to a declared provider by what the provider returns.
 */
final class ConfigValues {
    private static final String KAFKA_PROPERTIES = "kafka.properties.";

    private ConfigValues() {
    }

    /**
     * Changes {@code tree} in place.
     *
     * @return the {@code kafka.properties} keys whose values came from a provider (never logged)
     */
    static Set<String> resolve(JsonNode tree, Map<String, String> kafkaOverrides) {
        if (!(tree instanceof ObjectNode root)) {
            return Set.of();
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if (k.equals(ConfigProviders.KEY) || k.startsWith(ConfigProviders.KEY + ".")) {
                if (!e.getValue().isValueNode()) {
                    throw new ConfigException("field '" + k + "': must be a single value (Kafka's flat provider keys, "
                            + "e.g. " + ConfigProviders.KEY + ".env.class: org.apache.kafka.common.config.provider.EnvVarConfigProvider)");
                }
                settings.put(k, e.getValue().asText());
                it.remove();
            }
        }
        if (!kafkaOverrides.isEmpty()) {
            JsonNode kafka = root.get("kafka");
            ObjectNode k = kafka instanceof ObjectNode o ? o : root.putObject("kafka");
            JsonNode props = k.get("properties");
            ObjectNode p = props instanceof ObjectNode o ? o : k.putObject("properties");
            kafkaOverrides.forEach(p::put);
        }
        ConfigProviders providers = ConfigProviders.of(settings);
        if (providers.isEmpty()) {
            return Set.of();
        }
        List<Slot> slots = new ArrayList<>();
        collect(root, "", providers, slots);
        Map<String, String> before = new LinkedHashMap<>();
        slots.forEach(s -> before.put(s.where, s.text));
        Map<String, String> after = providers.resolve(before);
        Set<String> provided = new LinkedHashSet<>();
        for (Slot s : slots) {
            s.set(after.get(s.where));
            if (s.where.startsWith(KAFKA_PROPERTIES)) {
                provided.add(s.where.substring(KAFKA_PROPERTIES.length()));
            }
        }
        return provided;
    }

    /** A text value that refers to a provider, and how to put its resolved value back. */
    private record Slot(String where, String text, JsonNode parent, String field, int index) {
        void set(String value) {
            if (parent instanceof ObjectNode o) {
                o.set(field, TextNode.valueOf(value));
            } else {
                ((ArrayNode) parent).set(index, TextNode.valueOf(value));
            }
        }
    }

    private static void collect(JsonNode node, String where, ConfigProviders providers, List<Slot> out) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = where.isEmpty() ? e.getKey() : where + "." + e.getKey();
                if (e.getValue().isTextual()) {
                    if (providers.refersToProvider(e.getValue().asText())) {
                        out.add(new Slot(path, e.getValue().asText(), o, e.getKey(), -1));
                    }
                } else {
                    collect(e.getValue(), path, providers, out);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                String path = where + "[" + i + "]";
                JsonNode v = a.get(i);
                if (v.isTextual()) {
                    if (providers.refersToProvider(v.asText())) {
                        out.add(new Slot(path, v.asText(), a, null, i));
                    }
                } else {
                    collect(v, path, providers, out);
                }
            }
        }
    }
}
