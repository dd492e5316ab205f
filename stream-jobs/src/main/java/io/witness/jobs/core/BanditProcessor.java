package io.witness.jobs.core;

import io.witness.jobs.codec.AvroJson;
import io.witness.jobs.codec.BanditRecords;
import io.witness.jobs.config.BanditConfig;
import io.witness.jobs.metrics.WitnessMetrics;
import io.witness.operators.bandit.BanditFactory;
import io.witness.operators.bandit.BanditPolicy;
import io.witness.operators.bandit.Choice;
import io.witness.operators.bandit.PendingDecision;
import io.witness.schemas.DeadLetterReason;
import io.witness.schemas.Decision;

import java.io.IOException;
import java.util.List;

/**
 * The per-(bandit, key) logic of the decision service, independent of Flink:
 * <ul>
 *   <li>request: refuse a repeated request id (DUPLICATE); let the policy decide; <b>record the pending
 *       decision and the policy's new state first</b>, schedule its expiry at request time + feedback
 *       timeout, and only then emit the Decision — so a Decision never exists without its state;</li>
 *   <li>feedback: join the pending decision by request id; unknown id → UNMATCHED, already answered →
 *       DUPLICATE, expired or later than the timeout → LATE (dead letters with the reason); otherwise the
 *       policy takes the reward and a tombstone stays until the deadline to recognise duplicates;</li>
 *   <li>deadline: a decision still pending expires (the policy undoes what it assumed, the expiry is
 *       counted) and its tombstone stays one more timeout to recognise late feedback; tombstones go.</li>
 * </ul>
 * Deadlines are rounded up to whole seconds so that one timer serves all decisions of a second.
 */
public final class BanditProcessor {
    private final BanditConfig config;
    private final BanditFactory factory;
    private final long timeoutMillis;
    /** Pending decisions of this processor's keys (restored from the checkpoint by the Flink function). */
    private long pending;

    public BanditProcessor(BanditConfig config) {
        this.config = config;
        this.factory = new BanditFactory(config.parameters());
        this.timeoutMillis = config.feedbackTimeout().toMillis();
        WitnessMetrics.initBandit(config.id(), factory.epsilonBudget());
    }

    /** Pending decisions this processor's keys hold (the gauge's share of this instance). */
    public long pending() {
        return pending;
    }

    /** Adds pending decisions restored from a checkpoint to the count and the gauge. */
    public void restorePending(long restored) {
        pending += restored;
        WitnessMetrics.BANDIT_PENDING.labels(config.id()).inc(restored);
    }

    public BanditConfig config() {
        return config;
    }

    public BanditFactory factory() {
        return factory;
    }

    /** The deadline (whole second, epoch ms) of a decision made at {@code time}. */
    public long deadline(long time) {
        long t = time + timeoutMillis;
        return Math.floorDiv(t + 999, 1000) * 1000;
    }

    public void process(BanditInput in, BanditKeyState st, BanditOutput out) throws IOException {
        if (in.kind == BanditInput.REQUEST) {
            request(in, st, out);
        } else {
            feedback(in, st, out);
        }
    }

    private BanditPolicy load(BanditKeyState st) throws IOException {
        byte[] bytes = st.policy();
        return bytes == null ? factory.create() : factory.fromBytes(bytes);
    }

    private void save(BanditKeyState st, BanditPolicy p) throws IOException {
        int releases = BanditFactory.releases(p);
        byte[] bytes = factory.toBytes(p);
        st.policy(bytes);
        WitnessMetrics.STATE_BYTES.labels(config.id()).observe(bytes.length);
        if (releases > 0) {
            WitnessMetrics.recordEpsilon(config.id(), BanditFactory.epsilonSpent(p));
        }
    }

    private void request(BanditInput in, BanditKeyState st, BanditOutput out) throws IOException {
        PendingDecision seen = st.pending(in.requestId);
        if (seen != null) {
            dead(in, DeadLetterReason.DUPLICATE, "request_id '" + in.requestId + "' was already decided (decision "
                    + seen.status().name().toLowerCase() + ")", out);
            return;
        }
        BanditPolicy policy = load(st);
        int releasesBefore = BanditFactory.releases(policy);
        Choice choice;
        try {
            choice = policy.decide(in.inputs, in.candidates());
        } catch (IllegalArgumentException e) {
            dead(in, DeadLetterReason.OTHER, e.getMessage(), out);
            return;
        }
        // state first: the pending decision, its deadline, the policy — then the output
        st.pending(in.requestId, choice.pending().at(in.time));
        st.expireAt(deadline(in.time), in.requestId);
        save(st, policy);

        String b = config.id();
        WitnessMetrics.BANDIT_DECISIONS.labels(b).inc();
        WitnessMetrics.BANDIT_PENDING.labels(b).inc();
        pending++;
        if (choice.explore()) {
            WitnessMetrics.BANDIT_EXPLORATIONS.labels(b).inc();
        }
        if (Double.isFinite(choice.sd())) {
            WitnessMetrics.BANDIT_DECISION_SD.labels(b).observe(choice.sd());
        }
        int released = BanditFactory.releases(policy) - releasesBefore;
        if (released > 0) {
            WitnessMetrics.BANDIT_RELEASES.labels(b).inc(released);
        }
        out.decision(config.decisionsTopic(), Decision.newBuilder()
                .setRequestId(in.requestId)
                .setBandit(b)
                .setKey(in.key)
                .setTime(in.time)
                .setAction(in.actionIds[choice.action()])
                .setActionIndex(choice.action())
                .setPolicy(config.policy())
                .setScore(finiteOrNull(choice.score()))
                .setMean(finiteOrNull(choice.mean()))
                .setSd(finiteOrNull(choice.sd()))
                .setExplore(choice.explore())
                .setPolicyVersion(policy.version())
                .setPlays(policy.plays() - 1)
                .build());
    }

    private void feedback(BanditInput in, BanditKeyState st, BanditOutput out) throws IOException {
        String b = config.id();
        PendingDecision p = st.pending(in.requestId);
        if (p == null) {
            WitnessMetrics.BANDIT_FEEDBACK.labels(b, "unmatched").inc();
            dead(in, DeadLetterReason.UNMATCHED, "no decision of bandit '" + b + "' on key '" + in.key
                    + "' has request_id '" + in.requestId + "' (never requested here, or forgotten after feedback-timeout)", out);
            return;
        }
        if (p.status() == PendingDecision.Status.ANSWERED) {
            WitnessMetrics.BANDIT_FEEDBACK.labels(b, "duplicate").inc();
            dead(in, DeadLetterReason.DUPLICATE, "request_id '" + in.requestId + "' already has its feedback", out);
            return;
        }
        if (p.status() == PendingDecision.Status.EXPIRED) {
            WitnessMetrics.BANDIT_FEEDBACK.labels(b, "late").inc();
            dead(in, DeadLetterReason.LATE, "the decision for request_id '" + in.requestId
                    + "' expired before this feedback (feedback-timeout = " + timeoutMillis + " ms)", out);
            return;
        }
        BanditPolicy policy = load(st);
        int releasesBefore = BanditFactory.releases(policy);
        if (in.time - p.time() > timeoutMillis) {
            // later than the timeout in event time: the same outcome as if the deadline had fired first
            expire(policy, in.requestId, p, st);
            save(st, policy);
            WitnessMetrics.BANDIT_FEEDBACK.labels(b, "late").inc();
            dead(in, DeadLetterReason.LATE, "feedback time is " + (in.time - p.time()) + " ms after the request "
                    + "(feedback-timeout = " + timeoutMillis + " ms)", out);
            return;
        }
        boolean used = policy.reward(p, in.reward);
        p.close(PendingDecision.Status.ANSWERED);
        st.pending(in.requestId, p);   // tombstone until the deadline that is already scheduled
        save(st, policy);
        WitnessMetrics.BANDIT_FEEDBACK.labels(b, used ? "applied" : "unused").inc();
        WitnessMetrics.BANDIT_PENDING.labels(b).dec();
        pending--;
        WitnessMetrics.BANDIT_REWARD.labels(b).observe(in.reward);
        int released = BanditFactory.releases(policy) - releasesBefore;
        if (released > 0) {
            WitnessMetrics.BANDIT_RELEASES.labels(b).inc(released);
        }
    }

    /** A deadline of this key has passed (event time): expire what is still pending, drop old tombstones. */
    public void deadline(long deadline, BanditKeyState st) throws IOException {
        List<String> due = st.takeDue(deadline);
        if (due.isEmpty()) {
            return;
        }
        BanditPolicy policy = null;
        int releasesBefore = 0;
        for (String id : due) {
            PendingDecision p = st.pending(id);
            if (p == null) {
                continue;
            }
            if (p.status() == PendingDecision.Status.PENDING) {
                if (policy == null) {
                    policy = load(st);
                    releasesBefore = BanditFactory.releases(policy);
                }
                expire(policy, id, p, st);
                st.expireAt(deadline + timeoutMillis, id);   // keep the tombstone to call later feedback LATE
            } else {
                st.forget(id);
            }
        }
        if (policy != null) {
            save(st, policy);
            int released = BanditFactory.releases(policy) - releasesBefore;
            if (released > 0) {
                WitnessMetrics.BANDIT_RELEASES.labels(config.id()).inc(released);
            }
        }
    }

    private void expire(BanditPolicy policy, String id, PendingDecision p, BanditKeyState st) throws IOException {
        policy.expire(p);
        p.close(PendingDecision.Status.EXPIRED);
        st.pending(id, p);
        WitnessMetrics.BANDIT_EXPIRED.labels(config.id()).inc();
        WitnessMetrics.BANDIT_PENDING.labels(config.id()).dec();
        pending--;
    }

    private void dead(BanditInput in, DeadLetterReason reason, String text, BanditOutput out) {
        String topic = in.kind == BanditInput.REQUEST ? config.requestsTopic() : config.feedbackTopic();
        out.deadLetter(config.deadLetterTopic(), DeadLetters.of(in.topic != null ? in.topic : topic, in.partition,
                in.offset, AvroJson.write(BanditRecords.of(in, config)), reason, text, config.id(), in.key));
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
