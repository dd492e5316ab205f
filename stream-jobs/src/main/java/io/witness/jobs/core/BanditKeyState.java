package io.witness.jobs.core;

import io.witness.operators.bandit.PendingDecision;

import java.io.IOException;
import java.util.List;

/**
 * Everything a bandit keeps per (bandit, key): the policy's bytes, the pending decisions by request id,
 * and an index of expiry deadlines. Flink keyed state in the job ({@code BanditFunction}: a ValueState
 * and two MapStates in RocksDB), plain maps in tests.
 */
public interface BanditKeyState {

    /** The policy's state bytes, or null before the first decision. */
    byte[] policy() throws IOException;

    void policy(byte[] bytes) throws IOException;

    PendingDecision pending(String requestId) throws IOException;

    void pending(String requestId, PendingDecision decision) throws IOException;

    void forget(String requestId) throws IOException;

    /** Adds a request id to the deadline's list (and makes sure the deadline fires). */
    void expireAt(long deadline, String requestId) throws IOException;

    /** Removes and returns the request ids due at this deadline. */
    List<String> takeDue(long deadline) throws IOException;
}
