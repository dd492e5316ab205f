package io.witness.jobs.config;

import io.witness.operators.bandit.BanditParameters;
import io.witness.operators.bandit.PolicyKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code bandits:} section of the YAML file: each entry validated, the first problem reported as one
 * line naming the bandit and the field ({@code bandit 'triage': field 'context-dim': ...}). Keys and
 * defaults are listed in the README's "Bandit service".
 */
final class BanditConfigLoader {
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]{0,99}");

    private BanditConfigLoader() {
    }

    static List<BanditConfig> load(Node section, Node defaults) {
        List<BanditConfig> out = new ArrayList<>();
        List<Node> nodes = section.elements();
        for (int i = 0; i < nodes.size(); i++) {
            out.add(bandit(nodes.get(i), defaults, i + 1));
        }
        return out;
    }

    private static BanditConfig bandit(Node raw, Node defaults, int position) {
        String id = raw.in("bandit #" + position).get("id").text(null);
        if (id == null || id.isBlank()) {
            throw raw.in("bandit #" + position).get("id").error("is required");
        }
        Node n = raw.in("bandit '" + id + "'");
        if (!ID.matcher(id).matches()) {
            throw n.get("id").error("use letters, digits, '.', '_' or '-' (at most 100), got '" + id + "'");
        }
        n.allowOnly("id", "requests", "feedback", "decisions", "dead-letters", "context-dim", "action-dim", "policy",
                "params", "feedback-timeout");
        Node requests = n.get("requests");
        requests.allowOnly("topic", "format");
        Node feedback = n.get("feedback");
        feedback.allowOnly("topic", "format");
        String requestsTopic = topic(requests.get("topic"), null);
        String feedbackTopic = topic(feedback.get("topic"), null);
        if (requestsTopic.equals(feedbackTopic)) {
            throw feedback.get("topic").error("must differ from requests.topic");
        }
        WireFormat defaultFormat = format(defaults.get("format"), WireFormat.JSON);
        WireFormat requestsFormat = format(requests.get("format"), defaultFormat);
        WireFormat feedbackFormat = format(feedback.get("format"), defaultFormat);
        String decisions = topic(n.get("decisions"), null);
        String dead = topic(n.get("dead-letters"), defaults.get("dead-letter-topic").text("witness.dead-letters"));
        int contextDim = n.get("context-dim").integer(0, 0, 255);
        int actionDim = n.get("action-dim").integer(1, 1, 256);
        String policyName = n.get("policy").text("gp-ucb");
        PolicyKind policy;
        try {
            policy = PolicyKind.parse(policyName);
        } catch (IllegalArgumentException e) {
            throw n.get("policy").error(e.getMessage());
        }
        Map<String, Object> params = n.get("params").scalarMap();
        BanditParameters parameters;
        try {
            parameters = BanditParameters.parse(policy, contextDim, actionDim, params);
        } catch (IllegalArgumentException e) {
            throw n.get("params").error(e.getMessage());
        }
        Duration timeout = n.get("feedback-timeout").duration(Duration.ofHours(1));
        if (timeout.toMillis() < 1000) {
            throw n.get("feedback-timeout").error("must be at least 1s");
        }
        return new BanditConfig(id, requestsTopic, requestsFormat, feedbackTopic, feedbackFormat, decisions, dead,
                contextDim, actionDim, policy.configName(), params, timeout, parameters);
    }

    /** Bandit topics must not be read or written by anything else in the job. */
    static void checkTopics(List<BanditConfig> bandits, Set<String> monitorSources, Set<String> monitorOutputs) {
        Set<String> inputs = new java.util.HashSet<>();
        for (BanditConfig b : bandits) {
            for (String t : List.of(b.requestsTopic(), b.feedbackTopic())) {
                if (monitorSources.contains(t) || monitorOutputs.contains(t) || !inputs.add(t)) {
                    throw new ConfigException("bandit '" + b.id() + "': topic '" + t
                            + "' is already used by another monitor or bandit");
                }
            }
        }
        for (BanditConfig b : bandits) {
            if (inputs.contains(b.decisionsTopic()) || inputs.contains(b.deadLetterTopic())
                    || monitorSources.contains(b.decisionsTopic()) || monitorSources.contains(b.deadLetterTopic())) {
                throw new ConfigException("bandit '" + b.id() + "': field 'decisions': an output topic is also an input topic");
            }
        }
    }

    private static String topic(Node n, String dflt) {
        String t = dflt == null ? n.requiredText() : n.text(dflt);
        if (!TOPIC.matcher(t).matches() || t.equals(".") || t.equals("..")) {
            throw n.error("is not a valid Kafka topic name: '" + t + "'");
        }
        return t;
    }

    private static WireFormat format(Node n, WireFormat dflt) {
        String v = n.text(null);
        if (v == null) {
            return dflt;
        }
        try {
            return WireFormat.valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw n.error("must be one of [json, avro], got '" + v + "'");
        }
    }
}
