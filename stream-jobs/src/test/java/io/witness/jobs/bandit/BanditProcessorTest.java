package io.witness.jobs.bandit;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.client.CollectorRegistry;
import io.witness.jobs.codec.BanditDecoder;
import io.witness.jobs.config.BanditConfig;
import io.witness.jobs.core.BadRecord;
import io.witness.jobs.core.BanditInput;
import io.witness.jobs.core.BanditOutput;
import io.witness.jobs.core.BanditProcessor;
import io.witness.operators.bandit.PendingDecision;
import io.witness.schemas.DeadLetter;
import io.witness.schemas.Decision;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The bandit service's keyed logic without Flink: a decision is in state before it is emitted; feedback
 * joins by request id; duplicates, unknown ids and late feedback are dead letters with their reasons;
 * deadlines expire pending decisions and later drop the tombstones; the metrics count all of it.
 */
class BanditProcessorTest {
    private static final long T0 = 1_700_000_000_000L;

    private final BanditDecoder decoder = new BanditDecoder();

    /** Collects the output and checks, at the moment a decision is emitted, that its state is already written. */
    private static final class Recorder implements BanditOutput {
        final List<Decision> decisions = new ArrayList<>();
        final List<DeadLetter> dead = new ArrayList<>();
        final MemoryBanditState st;

        Recorder(MemoryBanditState st) {
            this.st = st;
        }

        @Override
        public void decision(String topic, Decision d) {
            assertThat(topic).isEqualTo(BanditFixtures.DECISIONS);
            try {
                PendingDecision p = st.pending(d.getRequestId());
                assertThat(p).as("pending decision recorded before the emit").isNotNull();
                assertThat(p.status()).isEqualTo(PendingDecision.Status.PENDING);
                assertThat(p.action()).isEqualTo(d.getActionIndex());
                assertThat(st.policy).as("policy state recorded before the emit").isNotNull();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            decisions.add(d);
        }

        @Override
        public void deadLetter(String topic, DeadLetter d) {
            assertThat(topic).isEqualTo(BanditFixtures.DEAD);
            dead.add(d);
        }

        String lastReason() {
            DeadLetter d = dead.get(dead.size() - 1);
            return d.getReason().name() + ": " + d.getReasonText();
        }
    }

    private static double metric(String name, String... labels) {
        String[] names = labels.length == 2 ? new String[] {"bandit", "outcome"} : new String[] {"bandit"};
        Double v = CollectorRegistry.defaultRegistry.getSampleValue(name, names, labels);
        return v == null ? 0 : v;
    }

    private BanditInput request(BanditConfig b, String id, long time) throws BadRecord {
        return decoder.request(BanditFixtures.request(id, "payments", time, 0.3, 0.7), b);
    }

    private BanditInput feedback(BanditConfig b, String id, long time, double reward) throws BadRecord {
        return decoder.feedback(BanditFixtures.feedback(id, "payments", time, reward), b);
    }

    @Test
    void everySeriesTheDashboardAndRulesQueryExistsFromTheStartAndJdpExportsItsBudget() {
        BanditProcessor p = new BanditProcessor(BanditFixtures.bandit("jdp", "epsilon: 1.0, max-releases: 2", "60s"));
        CollectorRegistry r = CollectorRegistry.defaultRegistry;
        String[] bandit = {"bandit"};
        String[] triage = {"triage"};
        for (String name : new String[] {"witness_bandit_decisions_total", "witness_bandit_expired_total", "witness_bandit_pending",
                "witness_bandit_reward_count", "witness_bandit_reward_sum", "witness_bandit_decision_sd_count",
                "witness_bandit_privacy_epsilon_spent", "witness_bandit_privacy_releases_total"}) {
            assertThat(r.getSampleValue(name, bandit, triage)).as(name).isNotNull();
        }
        // two releases at ε = 1, δ = 1e-5, zCDP-composed: ρ = 2·0.0100, ε = ρ + 2√(ρ ln 1e5) = 0.98 (basic composition: 2)
        assertThat(r.getSampleValue("witness_bandit_privacy_epsilon_budget", bandit, triage))
                .isEqualTo(p.factory().epsilonBudget()).isCloseTo(0.98, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void decisionsFeedbackDuplicatesAndDeadlines() throws Exception {
        BanditConfig b = BanditFixtures.bandit("gp-ucb", "", "60s");
        BanditProcessor p = new BanditProcessor(b);
        MemoryBanditState st = new MemoryBanditState();
        Recorder out = new Recorder(st);
        double decisions0 = metric("witness_bandit_decisions_total", "triage");
        double applied0 = metric("witness_bandit_feedback_total", "triage", "applied");
        double expired0 = metric("witness_bandit_expired_total", "triage");
        double pending0 = metric("witness_bandit_pending", "triage");

        p.process(request(b, "r1", T0), st, out);
        p.process(request(b, "r2", T0 + 10), st, out);
        assertThat(out.decisions).extracting(Decision::getRequestId).containsExactly("r1", "r2");
        Decision d1 = out.decisions.get(0);
        assertThat(d1.getAction()).isIn("page", "ticket", "suppress");
        assertThat(d1.getPolicy()).isEqualTo("gp-ucb");
        assertThat(d1.getSd()).isEqualTo(1.0);   // prior sd at the first play (k(x,x) = 1)
        assertThat(d1.getPlays()).isZero();
        assertThat(out.decisions.get(1).getPlays()).isEqualTo(1);
        assertThat(metric("witness_bandit_pending", "triage") - pending0).isEqualTo(2);

        p.process(request(b, "r1", T0 + 20), st, out);
        assertThat(out.lastReason()).isEqualTo("DUPLICATE: request_id 'r1' was already decided (decision pending)");
        assertThat(out.decisions).hasSize(2);

        p.process(feedback(b, "r1", T0 + 5_000, 0.8), st, out);
        long version = out.decisions.get(1).getPolicyVersion();
        assertThat(st.pending("r1").status()).isEqualTo(PendingDecision.Status.ANSWERED);
        assertThat(st.pending("r1").x()).as("a tombstone keeps no inputs").isNull();
        p.process(feedback(b, "r1", T0 + 6_000, 0.8), st, out);
        assertThat(out.lastReason()).isEqualTo("DUPLICATE: request_id 'r1' already has its feedback");
        p.process(feedback(b, "nope", T0 + 6_000, 0.8), st, out);
        assertThat(out.lastReason()).startsWith("UNMATCHED: no decision of bandit 'triage' on key 'payments' has request_id 'nope'");
        assertThat(out.dead.get(out.dead.size() - 1).getPayload()).contains("\"request_id\":\"nope\"").contains("\"reward\":0.8");

        p.process(request(b, "r3", T0 + 7_000), st, out);
        assertThat(out.decisions.get(2).getPolicyVersion()).as("the reward changed the model").isGreaterThan(version);

        // Deadlines, rounded up to whole seconds: r1's (answered: its tombstone goes), then r2's (it expires).
        assertThat(p.deadline(T0)).isEqualTo(T0 + 60_000);
        assertThat(p.deadline(T0 + 10)).isEqualTo(T0 + 61_000).isEqualTo(p.deadline(T0 + 1000));
        assertThat(st.due.firstKey()).isEqualTo(T0 + 60_000);
        p.deadline(T0 + 60_000, st);
        assertThat(st.pending("r1")).isNull();
        assertThat(st.pending("r2").status()).isEqualTo(PendingDecision.Status.PENDING);
        long first = T0 + 61_000;
        p.deadline(first, st);
        assertThat(st.pending("r2").status()).isEqualTo(PendingDecision.Status.EXPIRED);
        p.process(feedback(b, "r2", T0 + 61_000, 0.1), st, out);
        assertThat(out.lastReason()).startsWith("LATE: the decision for request_id 'r2' expired before this feedback");
        p.deadline(first + 60_000, st);
        assertThat(st.pending("r2")).isNull();

        // r3: feedback whose own time is past the timeout is LATE and expires the decision at once
        p.process(feedback(b, "r3", T0 + 7_000 + 60_001, 0.1), st, out);
        assertThat(out.lastReason()).startsWith("LATE: feedback time is 60001 ms after the request");
        assertThat(st.pending("r3").status()).isEqualTo(PendingDecision.Status.EXPIRED);

        assertThat(metric("witness_bandit_decisions_total", "triage") - decisions0).isEqualTo(3);
        assertThat(metric("witness_bandit_feedback_total", "triage", "applied") - applied0).isEqualTo(1);
        assertThat(metric("witness_bandit_expired_total", "triage") - expired0).isEqualTo(2);
        assertThat(metric("witness_bandit_pending", "triage") - pending0).isZero();
        assertThat(p.pending()).isZero();
    }

    @Test
    void aPolicyRejectionIsADeadLetterAndLeavesNoState() throws Exception {
        // bpe-delay is not contextual: the fixture without context features
        BanditConfig b = io.witness.jobs.config.ConfigLoader.parse(BanditFixtures.yaml("bpe-delay", "", "60s")
                .replace("context-dim: 2", "context-dim: 0")).bandits().get(0);
        BanditProcessor p = new BanditProcessor(b);
        MemoryBanditState st = new MemoryBanditState();
        Recorder out = new Recorder(st);
        String three = "{\"request_id\":\"%s\",\"key\":\"k\",\"time\":1,\"actions\":[{\"id\":\"page\",\"features\":[1,0,0]},"
                + "{\"id\":\"ticket\",\"features\":[0,1,0]},{\"id\":\"suppress\",\"features\":[0,0,1]}]}";
        p.process(decoder.request(three.formatted("a").getBytes(), b), st, out);
        byte[] before = st.policy;
        p.process(decoder.request(three.formatted("b").replace("[0,0,1]", "[0,0,2]").getBytes(), b), st, out);
        assertThat(out.lastReason()).startsWith("OTHER: policy bpe-delay plays a fixed action set");
        assertThat(st.pending("b")).isNull();
        assertThat(st.policy).isSameAs(before);
        assertThat(out.decisions).hasSize(1);
        assertThat(out.decisions.get(0).getExplore()).isTrue();
    }
}
