package io.witness.operators.bandit;

import java.io.DataOutput;
import java.io.IOException;

/**
 * One bandit's model on one key: a state machine that chooses among candidate actions, records the
 * play before the caller emits it, and learns from rewards that arrive late or never (spec
 * online-methods.md §B, §C.1). The mutable state is compact and versioned; the configuration lives in
 * the {@link BanditFactory}. Not thread-safe: the streaming layer gives a key to one thread at a time.
 */
public interface BanditPolicy {

    /**
     * Chooses one of {@code k} candidates and records the play.
     *
     * @param inputs row-major {@code k × d}, row j = [context, features of action j], all finite
     */
    Choice decide(double[] inputs, int k);

    /**
     * The reward of an earlier decision.
     *
     * @return true when the model used it; false when the policy deliberately ignores it (evicted from
     *         the window, outside BPE-Delay's batch, a JDP exploitation play)
     */
    boolean reward(PendingDecision decision, double reward);

    /** The reward will never come: undo whatever the pending decision made the model assume. */
    void expire(PendingDecision decision);

    /** Plays so far. */
    long plays();

    /** Increases whenever what the model would decide changes (a reward used, an elimination, a private release). */
    long version();

    /** Writes the mutable state; {@link BanditFactory#restore} reads it back. */
    void writeState(DataOutput out) throws IOException;

    /** Exact bytes {@link #writeState} writes now. */
    int stateBytes();
}
