/**
 * Betting for the tests by betting (SKIT, mmd-betting; spec §A.2.5–A.2.6, §A.4.4): the bettors
 * (ONS, aGRAPA, the 19-fraction mixture), which turn a payoff in [−1, 1] into log-wealth, and the
 * {@link io.witness.operators.bettors.WealthLedger}, which turns the wealth into alarms, restarts and
 * clears. Each method's monitor writes their state where its own layout says; the bytes are the same
 * whichever method holds them (the SKIT and mmd-betting golden state files prove it).
 */
package io.witness.operators.bettors;
