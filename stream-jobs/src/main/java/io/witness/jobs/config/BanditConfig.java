package io.witness.jobs.config;

import io.witness.operators.bandit.BanditParameters;

import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One bandit as declared under {@code bandits:} in the YAML file, validated (README "Bandit service").
 *
 * @param id              unique among monitors and bandits (metric label, state key)
 * @param requestsTopic   DecisionRequest records in
 * @param requestsFormat  their wire format
 * @param feedbackTopic   Feedback records in
 * @param feedbackFormat  their wire format
 * @param decisionsTopic  Decision records out (JSON)
 * @param deadLetterTopic rejected requests and feedback
 * @param contextDim      context features per request
 * @param actionDim       features per candidate action
 * @param policy          gp-ucb, igp-ucb, bpe-delay or jdp
 * @param params          policy parameters (validated into {@link #parameters()})
 * @param feedbackTimeout a decision whose feedback has not come this long (event time) after its request expires
 */
public record BanditConfig(String id, String requestsTopic, WireFormat requestsFormat, String feedbackTopic,
                           WireFormat feedbackFormat, String decisionsTopic, String deadLetterTopic, int contextDim,
                           int actionDim, String policy, Map<String, Object> params, Duration feedbackTimeout,
                           BanditParameters parameters) implements Serializable {

    public BanditConfig {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
