package io.witness.jobs.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.witness.jobs.config.BanditConfig;
import io.witness.jobs.config.ConfigException;
import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.WireFormat;
import io.witness.jobs.config.WitnessConfig;
import io.witness.operators.bandit.ModelMemory;
import io.witness.operators.bandit.PolicyKind;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The {@code bandits:} section: defaults, and one-line errors naming the bandit and the field. */
class BanditConfigTest {

    @Test
    void aBanditOnlyConfigurationLoadsWithItsDefaults() {
        WitnessConfig c = BanditFixtures.config("gp-ucb", "", "10m");
        assertThat(c.monitors()).isEmpty();
        BanditConfig b = c.bandits().get(0);
        assertThat(b.requestsFormat()).isEqualTo(WireFormat.JSON);
        assertThat(b.feedbackTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(b.parameters().policy()).isEqualTo(PolicyKind.GP_UCB);
        assertThat(b.parameters().memory()).isEqualTo(ModelMemory.WINDOW);
        assertThat(b.parameters().window()).isEqualTo(128);
        assertThat(b.parameters().inputDim()).isEqualTo(5);
        assertThat(c.banditTopics()).containsExactly(BanditFixtures.REQUESTS, BanditFixtures.FEEDBACK);
        assertThat(c.outputTopics()).containsExactly(BanditFixtures.DECISIONS, BanditFixtures.DEAD);
        assertThat(c.sourceTopics()).isEmpty();
    }

    private static void assertError(String yaml, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void problemsAreOneLineNamingTheBanditAndTheField() {
        assertError(BanditFixtures.yaml("gp-ucb", "windw: 3", "1h"), "bandit 'triage': field 'params': parameter 'windw' "
                + "unknown parameter (known: [bandwidth, beta, code-behaviour, delay-b, delay-xi, delta, epsilon, "
                + "expected-delay, explore, explore-rate, features, horizon, kernel, max-releases, memory, noise-scale, "
                + "noise-seed, noise-variance, privacy-delta, ridge, rkhs-bound, seed, window])");
        assertError(BanditFixtures.yaml("ucb", "", "1h"),
                "bandit 'triage': field 'policy': unknown policy 'ucb' (known: gp-ucb, igp-ucb, bpe-delay, jdp)");
        assertError(BanditFixtures.yaml("bpe-delay", "", "1h"),
                "bandit 'triage': field 'params': policy bpe-delay is not contextual: context-dim must be 0");
        assertError(BanditFixtures.yaml("jdp", "epsilon: 5", "1h"),
                "bandit 'triage': field 'params': parameter 'epsilon' must be in [1.0E-6, 1.999999], got 5");
        assertError(BanditFixtures.yaml("gp-ucb", "", "500ms"), "bandit 'triage': field 'feedback-timeout': must be at least 1s");
        assertError(BanditFixtures.yaml("gp-ucb", "", "1h").replace("t.feedback", "t.requests"),
                "bandit 'triage': field 'feedback.topic': must differ from requests.topic");
        assertError(BanditFixtures.yaml("gp-ucb", "", "1h").replace("decisions: t.decisions", "decisions: t.feedback"),
                "bandit 'triage': field 'decisions': an output topic is also an input topic");
        assertError(BanditFixtures.yaml("gp-ucb", "", "1h").replace("context-dim: 2", "context-dims: 2"),
                "bandit 'triage': field 'context-dims': unknown field (known: [action-dim, context-dim, dead-letters, "
                        + "decisions, feedback, feedback-timeout, id, params, policy, requests])");
        String withMonitor = BanditFixtures.yaml("gp-ucb", "", "1h") + """
                monitors:
                  - id: triage
                    source: {topic: t.requests}
                    fields: {x: [a], y: [b]}
                    method: skit
                """;
        assertError(withMonitor, "bandit 'triage': field 'id': duplicate id (monitors and bandits share ids)");
        assertError(withMonitor.replace("- id: triage\n    source", "- id: other\n    source"),
                "bandit 'triage': topic 't.requests' is already used by another monitor or bandit");
    }
}
