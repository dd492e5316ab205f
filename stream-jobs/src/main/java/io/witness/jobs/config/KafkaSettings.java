package io.witness.jobs.config;

import java.io.Serializable;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where the user's Kafka is and any client property (SASL, TLS, ...) passed to every consumer and
 * producer the job creates.
 *
 * @param provided the property keys whose values came from a config provider ({@code ${env:…}},
 *                 {@code ${file:…}}): treated as secrets, whatever their name
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> properties, Set<String> provided)
        implements Serializable {

    public KafkaSettings {
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
        provided = Collections.unmodifiableSet(new TreeSet<>(provided));
    }

    public KafkaSettings(String bootstrapServers, Map<String, String> properties) {
        this(bootstrapServers, properties, Set.of());
    }

    /** The properties with secret values replaced, for logs and error messages. */
    public Map<String, String> maskedProperties() {
        Map<String, String> out = new TreeMap<>();
        properties.forEach((k, v) -> out.put(k, isSecret(k) || provided.contains(k) ? "******" : v));
        return out;
    }

    /** Masked like {@link #maskedProperties}: a record's default text would print secrets wherever it is logged. */
    @Override
    public String toString() {
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", properties=" + maskedProperties() + "]";
    }

    /** Keys whose values must never be logged: passwords, JAAS configs, tokens, keys. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.contains("token")
                || k.endsWith(".key") || k.contains("credentials") || k.contains("keystore.key");
    }
}
