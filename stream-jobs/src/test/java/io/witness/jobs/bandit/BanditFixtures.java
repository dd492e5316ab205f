package io.witness.jobs.bandit;

import io.witness.jobs.config.BanditConfig;
import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.WitnessConfig;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A triage-like bandit configuration and JSON records for the stream-jobs bandit tests. */
final class BanditFixtures {
    static final String REQUESTS = "t.requests";
    static final String FEEDBACK = "t.feedback";
    static final String DECISIONS = "t.decisions";
    static final String DEAD = "t.dead";

    private BanditFixtures() {
    }

    static String yaml(String policy, String params, String timeout) {
        return """
                job: {name: bandit-test, metrics-port: 0}
                bandits:
                  - id: triage
                    requests: {topic: %s}
                    feedback: {topic: %s}
                    decisions: %s
                    dead-letters: %s
                    context-dim: 2
                    action-dim: 3
                    policy: %s
                    feedback-timeout: %s
                    params: {%s}
                """.formatted(REQUESTS, FEEDBACK, DECISIONS, DEAD, policy, timeout, params);
    }

    static WitnessConfig config(String policy, String params, String timeout) {
        return ConfigLoader.parse(yaml(policy, params, timeout));
    }

    static BanditConfig bandit(String policy, String params, String timeout) {
        return config(policy, params, timeout).bandits().get(0);
    }

    static byte[] request(String id, String key, long time, double c1, double c2) {
        return String.format(Locale.ROOT, "{\"request_id\":\"%s\",\"key\":\"%s\",\"time\":%d,\"context\":[%s,%s],"
                        + "\"actions\":[{\"id\":\"page\",\"features\":[1,0,0]},{\"id\":\"ticket\",\"features\":[0,1,0]},"
                        + "{\"id\":\"suppress\",\"features\":[0,0,1]}]}", id, key, time, c1, c2)
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] feedback(String id, String key, long time, double reward) {
        return String.format(Locale.ROOT, "{\"request_id\":\"%s\",\"key\":\"%s\",\"reward\":%s,\"time\":%d}", id, key, reward, time)
                .getBytes(StandardCharsets.UTF_8);
    }
}
