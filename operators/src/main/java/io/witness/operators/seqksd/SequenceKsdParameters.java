package io.witness.operators.seqksd;

import java.util.List;

/**
 * Validated parameters of one {@code sequence-ksd} monitor (see {@link SequenceKsdMethod}).
 *
 * @param alphabet          the known event types; any other type is the extra symbol "other"
 * @param endType           index of the type that closes a session, or −1
 * @param sessionGapMillis  a gap longer than this closes the session (0: no gap rule)
 * @param maxLength         a session is closed when it reaches this length
 * @param referenceSessions sessions of each key the Markov model is fitted on
 * @param pseudoCount       additive smoothing of the fitted counts
 * @param window            sessions per test (tumbling)
 * @param neighbourhood     the edit neighbourhood
 * @param balance           κ
 * @param kernel            the base kernel
 * @param bootstrap         parametric or wild
 * @param draws             bootstrap draws
 * @param alpha             level per window
 * @param seed              bootstrap seed
 */
public record SequenceKsdParameters(List<String> alphabet, int endType, long sessionGapMillis, int maxLength,
                                    int referenceSessions, double pseudoCount, int window,
                                    Neighbourhood neighbourhood, Balance balance, BaseKernel kernel, SequenceBootstrap bootstrap, int draws, double alpha, long seed) {

    /** Symbols: the alphabet plus "other". */
    public int symbols() {
        return alphabet.size() + 1;
    }

    /** Name of a symbol. */
    public String name(int symbol) {
        return symbol < alphabet.size() ? alphabet.get(symbol) : "other";
    }
}
