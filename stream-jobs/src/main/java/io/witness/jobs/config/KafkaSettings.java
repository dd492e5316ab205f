package io.witness.jobs.config;

import java.io.Serializable;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the user's Kafka is and any client property (SASL, TLS, ...) passed to every consumer and
 * producer the job creates.
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> properties) implements Serializable {

    public KafkaSettings {
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
    }

    /** The properties with secret values replaced, for logs and error messages. */
    public Map<String, String> maskedProperties() {
        Map<String, String> out = new TreeMap<>();
        properties.forEach((k, v) -> out.put(k, isSecret(k) ? "******" : v));
        return out;
    }

    /** Keys whose values must never be logged: passwords, JAAS configs, tokens, keys. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.contains("token")
                || k.endsWith(".key") || k.contains("credentials") || k.contains("keystore.key");
    }
}
