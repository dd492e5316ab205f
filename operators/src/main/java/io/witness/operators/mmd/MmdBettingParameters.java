package io.witness.operators.mmd;

import io.witness.operators.bettors.BettorKind;

/**
 * Validated parameters of one {@code mmd-betting} monitor (see {@link MmdBettingMethod}).
 *
 * @param d                input dimension
 * @param alpha            level: alarm when the wealth reaches 1/α
 * @param referenceSize    N, reference events per key (the first N events of the key)
 * @param eventsPerBet     k stream events per reference point and bet
 * @param projections      m random projections (2m trigonometric features)
 * @param bandwidth        fixed Gaussian σ, or NaN for the median heuristic on the reference
 * @param bettor           betting strategy (shared with SKIT)
 * @param onsTruncation    ONS upper clip
 * @param agrapaTruncation aGRAPA upper clip
 * @param seed             seed of the frequencies, the reference order and the median subsample
 * @param resolveAfter     bets without a new alarm after which a step says {@code clear}
 */
public record MmdBettingParameters(int d, double alpha, int referenceSize, int eventsPerBet, int projections,
                                   double bandwidth, BettorKind bettor, double onsTruncation,
                                   double agrapaTruncation, long seed, int resolveAfter) {
}
