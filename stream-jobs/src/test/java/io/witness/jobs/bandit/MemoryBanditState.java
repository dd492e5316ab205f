package io.witness.jobs.bandit;

import io.witness.jobs.core.BanditKeyState;
import io.witness.operators.bandit.PendingDecision;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One key's bandit state in memory, stored as bytes exactly as the Flink function stores it. */
final class MemoryBanditState implements BanditKeyState {
    byte[] policy;
    final Map<String, byte[]> pending = new HashMap<>();
    final TreeMap<Long, List<String>> due = new TreeMap<>();

    @Override
    public byte[] policy() {
        return policy;
    }

    @Override
    public void policy(byte[] bytes) {
        policy = bytes;
    }

    @Override
    public PendingDecision pending(String requestId) throws IOException {
        byte[] b = pending.get(requestId);
        return b == null ? null : PendingDecision.fromBytes(b);
    }

    @Override
    public void pending(String requestId, PendingDecision decision) {
        pending.put(requestId, decision.toBytes());
    }

    @Override
    public void forget(String requestId) {
        pending.remove(requestId);
    }

    @Override
    public void expireAt(long deadline, String requestId) {
        due.computeIfAbsent(deadline, k -> new ArrayList<>()).add(requestId);
    }

    @Override
    public List<String> takeDue(long deadline) {
        List<String> ids = due.remove(deadline);
        return ids == null ? new ArrayList<>() : ids;
    }
}
