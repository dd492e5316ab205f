package io.witness.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.witness.jobs.config.ConfigException;
import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.KeyField;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.support.DriftScenario;
import io.witness.schemas.DeadLetterReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goodness-of-fit and drift monitors of issue 4 in {@code replay} on {@link DriftScenario}: each
 * monitor must open an alert for "drift" after its change, and none for "calm".
 */
class GoodnessOfFitReplayTest {

    static final String CONFIG = "monitors:\n" + DriftScenario.monitors("t", "");
    static final int EVENTS = DriftScenario.EVENTS;
    static final int CHANGE = DriftScenario.CHANGE;
    static final long T0 = DriftScenario.T0;

    @TempDir
    static Path dir;

    static List<JsonNode> alerts = new ArrayList<>();
    static List<JsonNode> evidence = new ArrayList<>();
    static ReplayRunner.Result result;

    @BeforeAll
    static void replay() throws IOException {
        List<String> lines = new ArrayList<>(DriftScenario.lines(5));
        lines.add(String.format(Locale.ROOT, "{\"key\":\"calm\",\"time\":%d,\"fields\":{\"x\":0,\"y\":0,\"z\":0}}",
                T0 + 1000L * EVENTS));
        Path file = Files.write(dir.resolve("events.jsonl"), lines);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream dead = new ByteArrayOutputStream();
        result = new ReplayRunner(ConfigLoader.parse(CONFIG)).run(file, out, dead);
        ObjectMapper json = new ObjectMapper();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode n = json.readTree(line);
            (n.has("opened_at") ? alerts : evidence).add(n);
        }
    }

    @Test
    void everyMonitorAlertsOnTheDriftingKeyOnlyAndAfterTheChange() {
        for (String monitor : new String[] {"fit", "modes", "flows", "drift"}) {
            List<JsonNode> mine = alerts.stream().filter(a -> a.get("monitor").asText().equals(monitor)).toList();
            assertThat(mine).as("alerts of %s", monitor).isNotEmpty()
                    .allSatisfy(a -> assertThat(a.get("key").asText()).isEqualTo("drift"));
            JsonNode open = mine.get(0);
            assertThat(open.get("state").asText()).isEqualTo("OPEN");
            assertThat(open.get("opened_at").asLong()).as("%s opened after the change", monitor)
                    .isGreaterThanOrEqualTo(T0 + 1000L * CHANGE);
            System.out.printf("replay: %s opened %d events after the change%n", monitor,
                    (open.get("opened_at").asLong() - T0) / 1000 - CHANGE);
        }
    }

    @Test
    void evidenceCarriesPValuesOrEValuesAndExplanations() {
        JsonNode fit = first("fit");
        assertThat(fit.get("p_value").isNull()).isFalse();
        assertThat(fit.get("explanation").has("top_coordinate")).isTrue();
        JsonNode drift = first("drift");
        assertThat(drift.get("e_value").isNull()).isFalse();
        assertThat(drift.get("explanation").has("mean_shift_coordinate")).isTrue();
        assertThat(first("flows").get("explanation").has("worst_session")).isTrue();
        assertThat(first("modes").get("explanation").get("modes").asLong()).isEqualTo(2);
    }

    private static JsonNode first(String monitor) {
        return evidence.stream().filter(e -> e.get("monitor").asText().equals(monitor)).findFirst().orElseThrow();
    }

    @Test
    void anEventWithoutItsTypeIsADeadLetterForTheSequenceMonitorOnly() {
        assertThat(result.deadLetters).containsEntry(DeadLetterReason.MISSING_FIELD, 1L);
    }

    @Test
    void tooFewBootstrapDrawsForAlphaIsAConfigError() {
        assertThatThrownBy(() -> ConfigLoader.parse("monitors:\n  - id: m\n    source: {topic: t}\n    method: ksd\n"
                + "    fields: {x: [a]}\n    alpha: 0.001\n    params: {bootstrap-draws: 500}\n"))
                .hasMessageContaining("bootstrap-draws");
    }

    @Test
    void typeFieldIsValidated() {
        String base = "monitors:\n  - id: m\n    source: {topic: t}\n";
        assertThatThrownBy(() -> ConfigLoader.parse(base + "    method: sequence-ksd\n    type-field: colour\n"
                + "    params: {alphabet: a}\n")).isInstanceOf(ConfigException.class).hasMessageContaining("type-field");
        assertThatThrownBy(() -> ConfigLoader.parse(base + "    method: ksd\n    fields: {x: [a]}\n    type-field: type\n"))
                .hasMessageContaining("only for methods that read event types");
        assertThatThrownBy(() -> ConfigLoader.parse(base + "    method: sequence-ksd\n    fields: {x: [a]}\n"
                + "    params: {alphabet: a}\n")).hasMessageContaining("reads no fields").hasMessageContaining("remove 'fields'");
        WitnessConfig ok = ConfigLoader.parse(base + "    method: sequence-ksd\n    type-field: source\n"
                + "    params: {alphabet: a}\n");
        assertThat(ok.monitors().get(0).typeField()).isEqualTo(KeyField.SOURCE);
    }
}
