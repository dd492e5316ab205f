package io.witness.operators.bandit;

/**
 * A policy's decision for one request.
 *
 * @param action   index of the chosen candidate
 * @param score    the criterion it maximised (UCB μ + √β σ; BPE-Delay: σ; JDP: the private estimate ψᵀθ̂)
 * @param mean     posterior mean reward of the chosen action (NaN when the policy has none yet)
 * @param sd       posterior standard deviation behind the choice (NaN when the policy has none)
 * @param explore  true for a data-independent exploration play (BPE-Delay, JDP's uniform plays)
 * @param pending  what the streaming layer keeps until the reward arrives
 */
public record Choice(int action, double score, double mean, double sd, boolean explore, PendingDecision pending) {
}
