package io.witness.jobs.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values of the monitors YAML that come from elsewhere: {@code ${env:NAME}}, {@code ${file:/path:key}}, or
 * any other Kafka {@link org.apache.kafka.common.config.provider.ConfigProvider}, declared exactly as a Kafka
 * client declares them ({@code config.providers: env,file} and {@code config.providers.<alias>.class},
 * {@code config.providers.<alias>.param.*}) at the top level of the file. Resolution is Kafka's own
 * ({@link AbstractConfig} with those provider properties), so the syntax and the providers are those of
 * the Kafka documentation. A reference to a declared provider that finds nothing is an error naming the
 * field and the reference, never the value.
 */
final class ConfigProviders {
    /** Kafka's key, and the prefix of every provider setting. */
    static final String KEY = AbstractConfig.CONFIG_PROVIDERS_CONFIG;
    /** Kafka's variable syntax: ${alias:[path:]key}. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*?):(([^}]*?):)?([^}]*?)}");

    private final Map<String, String> settings;
    private final Set<String> aliases;

    private ConfigProviders(Map<String, String> settings) {
        this.settings = settings;
        this.aliases = new LinkedHashSet<>();
        String list = settings.get(KEY);
        if (list != null) {
            Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(aliases::add);
        }
    }

    /** The provider settings ({@code config.providers...} keys and their text values). */
    static ConfigProviders of(Map<String, String> settings) {
        for (String k : settings.keySet()) {
            if (!k.equals(KEY) && !k.startsWith(KEY + ".")) {
                throw new IllegalArgumentException("not a config-provider setting: " + k);
            }
        }
        if (!settings.isEmpty() && !settings.containsKey(KEY)) {
            throw new ConfigException("field '" + settings.keySet().iterator().next() + "': needs '" + KEY
                    + "' listing the provider aliases (e.g. " + KEY + ": env,file)");
        }
        ConfigProviders p = new ConfigProviders(new LinkedHashMap<>(settings));
        for (String alias : p.aliases) {
            if (!settings.containsKey(KEY + "." + alias + ".class")) {
                throw new ConfigException("field '" + KEY + "': provider '" + alias + "' needs '" + KEY + "." + alias
                        + ".class' (e.g. org.apache.kafka.common.config.provider.EnvVarConfigProvider)");
            }
        }
        return p;
    }

    boolean isEmpty() {
        return aliases.isEmpty();
    }

    /** True when the text holds a reference to one of the declared providers. */
    boolean refersToProvider(String text) {
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            if (aliases.contains(m.group(1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Resolves every value; keys say where each value is (for messages).
     *
     * @throws ConfigException when a provider fails or a reference to a declared provider stays unresolved
     */
    Map<String, String> resolve(Map<String, String> values) {
        if (values.isEmpty()) {
            return values;
        }
        Map<String, Object> resolved;
        try {
            resolved = new AbstractConfig(new ConfigDef(), values, settings, false).originals();
        } catch (org.apache.kafka.common.KafkaException e) {
            // Kafka's messages name the provider and the path, not the values
            throw new ConfigException("config providers: " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((where, before) -> {
            String after = String.valueOf(resolved.get(where));
            Matcher m = VARIABLE.matcher(after);
            while (m.find()) {
                if (aliases.contains(m.group(1))) {
                    throw new ConfigException("field '" + where + "': " + m.group() + " did not resolve (provider '"
                            + m.group(1) + "' has no value for it)");
                }
            }
            out.put(where, after);
        });
        return out;
    }
}
