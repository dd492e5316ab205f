package io.witness.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values from environment variables and files through Kafka's own config providers: anywhere in the
 * YAML, in {@code kafka.properties} and in the command line's {@code -P}; resolved values of Kafka
 * properties are masked wherever the configuration is printed; a reference that finds nothing is a
 * one-line error that names the field, not a value.
 */
class ConfigProvidersTest {
    private static final String SECRET = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"witness\" password=\"s3cr3t-from-a-file-7f1c\";";

    @TempDir
    Path dir;

    private Path secrets() throws Exception {
        Path f = dir.resolve("kafka-secrets.properties");
        Files.writeString(f, "jaas=" + SECRET.replace("\"", "\\\"") + "\nbootstrap=broker-1.internal:9093\ntopic=service.metrics\n");
        return f;
    }

    private String yaml(Path secrets, String extraKafka) {
        return """
                config.providers: env,file
                config.providers.env.class: org.apache.kafka.common.config.provider.EnvVarConfigProvider
                config.providers.file.class: org.apache.kafka.common.config.provider.FileConfigProvider
                kafka:
                  bootstrap-servers: ${file:%1$s:bootstrap}
                  properties:
                    security.protocol: SASL_SSL
                    sasl.jaas.config: ${file:%1$s:jaas}
                    client.rack: ${env:PATH}
                %2$smonitors:
                  - id: m
                    source: {topic: "${file:%1$s:topic}"}
                    fields: {x: [x], y: [y]}
                    method: skit
                """.formatted(secrets, extraKafka);
    }

    @Test
    void valuesComeFromFilesAndTheEnvironmentAnywhereInTheConfig() throws Exception {
        WitnessConfig c = ConfigLoader.parse(yaml(secrets(), ""));

        assertThat(c.kafka().bootstrapServers()).isEqualTo("broker-1.internal:9093");
        assertThat(c.kafka().properties()).containsEntry("sasl.jaas.config", SECRET)
                .containsEntry("client.rack", System.getenv("PATH"))
                .containsEntry("security.protocol", "SASL_SSL")
                .doesNotContainKey("config.providers");
        assertThat(c.monitors().get(0).topic()).isEqualTo("service.metrics");
    }

    @Test
    void resolvedKafkaPropertiesNeverPrint() throws Exception {
        WitnessConfig c = ConfigLoader.parse(yaml(secrets(), ""));

        assertThat(c.kafka().maskedProperties()).containsEntry("sasl.jaas.config", "******")
                .containsEntry("client.rack", "******")   // from a provider: a secret whatever its name
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(c.toString()).doesNotContain("s3cr3t").doesNotContain(System.getenv("PATH"));
        assertThat(c.kafka().toString()).doesNotContain("s3cr3t");
    }

    @Test
    void commandLinePropertiesMayReferToTheProvidersToo() throws Exception {
        Path f = dir.resolve("app.properties");
        Files.writeString(f, "password=trust-store-pw-91\n");
        WitnessConfig c = ConfigLoader.parse(yaml(secrets(), ""),
                Map.of("ssl.truststore.password", "${file:" + f + ":password}", "client.rack", "rack-a"));

        assertThat(c.kafka().properties()).containsEntry("ssl.truststore.password", "trust-store-pw-91")
                .containsEntry("client.rack", "rack-a");
        assertThat(c.kafka().maskedProperties()).containsEntry("ssl.truststore.password", "******")
                .containsEntry("client.rack", "rack-a");
    }

    @Test
    void aReferenceThatFindsNothingNamesTheFieldAndNotAValue() throws Exception {
        String unset = "WITNESS_TEST_UNSET_VARIABLE_5D2A";
        assertThat(System.getenv(unset)).isNull();
        String y = yaml(secrets(), "").replace("${env:PATH}", "${env:" + unset + "}");

        assertThatThrownBy(() -> ConfigLoader.parse(y))
                .isInstanceOf(ConfigException.class)
                .hasMessage("field 'kafka.properties.client.rack': ${env:" + unset + "} did not resolve "
                        + "(provider 'env' has no value for it)");
        assertThatThrownBy(() -> ConfigLoader.parse(yaml(dir.resolve("missing.properties"), "")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config providers: ")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void providersInsideKafkaPropertiesAreLeftToTheKafkaClients() throws Exception {
        // Kafka clients resolve these themselves where they run (TaskManagers): the secret never enters the job graph
        WitnessConfig c = ConfigLoader.parse("""
                kafka:
                  properties:
                    config.providers: env
                    config.providers.env.class: org.apache.kafka.common.config.provider.EnvVarConfigProvider
                    sasl.jaas.config: ${env:WITNESS_KAFKA_JAAS_CONFIG}
                monitors:
                  - id: m
                    source: {topic: t}
                    fields: {x: [x], y: [y]}
                    method: skit
                """);
        assertThat(c.kafka().properties()).containsEntry("sasl.jaas.config", "${env:WITNESS_KAFKA_JAAS_CONFIG}")
                .containsEntry("config.providers", "env");
    }

    @Test
    void aProviderWithoutItsClassIsAConfigError() {
        assertThatThrownBy(() -> ConfigLoader.parse("config.providers: env\nmonitors: []\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("provider 'env' needs 'config.providers.env.class'");
    }
}
