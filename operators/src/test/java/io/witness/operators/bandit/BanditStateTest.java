package io.witness.operators.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Every policy's state round-trips: the restored twin writes the same bytes and takes the same decisions
 * as the original from then on; the documented sizes are exact and bounded; foreign state is refused.
 */
class BanditStateTest {

    private static final List<Object[]> CONFIGS = List.of(
            new Object[] {PolicyKind.GP_UCB, Map.of("window", 16)},
            new Object[] {PolicyKind.IGP_UCB, Map.of("memory", "features", "features", 16)},
            new Object[] {PolicyKind.JDP, Map.of("explore", 5, "features", 8, "explore-rate", 0.3)});

    /** Runs both policies on the same stream; serialises and restores {@code b} every {@code every} steps. */
    private static void twinRun(BanditFactory f, BanditPolicy a, int steps, int every, boolean contextual) throws IOException {
        SplittableRandom r = new SplittableRandom(17);
        BanditPolicy b = f.fromBytes(f.toBytes(a));
        Deque<PendingDecision[]> inFlight = new ArrayDeque<>();
        double[] fixed = {0.0, 0.5, 1.0};
        for (int t = 0; t < steps; t++) {
            double[] c = BanditWorld.context(r);
            double[] in = contextual ? BanditWorld.inputs(c) : fixed;
            Choice ca = a.decide(in, 3);
            Choice cb = b.decide(in, 3);
            assertThat(cb.action()).as("decision %d", t).isEqualTo(ca.action());
            assertThat(Double.doubleToLongBits(cb.score())).isEqualTo(Double.doubleToLongBits(ca.score()));
            assertThat(cb.pending().toBytes()).isEqualTo(ca.pending().toBytes());
            inFlight.add(new PendingDecision[] {ca.pending(), cb.pending()});
            if (inFlight.size() > 4) {
                PendingDecision[] done = inFlight.poll();
                if (r.nextInt(5) == 0) {
                    a.expire(done[0]);
                    b.expire(done[1]);
                } else {
                    double y = r.nextGaussian() * 0.3;
                    assertThat(b.reward(done[1], y)).isEqualTo(a.reward(done[0], y));
                }
            }
            if (t % every == 0) {
                byte[] bytes = f.toBytes(b);
                assertThat(bytes).hasSize(f.stateBytes(b));
                assertThat(bytes).isEqualTo(f.toBytes(a));
                b = f.fromBytes(bytes);
                assertThat(f.toBytes(b)).isEqualTo(bytes);
                // a pending decision survives its own bytes too
                PendingDecision[] head = inFlight.peek();
                head[1] = PendingDecision.fromBytes(head[1].toBytes());
            }
        }
        assertThat(b.version()).isEqualTo(a.version());
        assertThat(b.plays()).isEqualTo(steps);
    }

    @Test
    void restoredPoliciesContinueExactlyLikeTheOriginal() throws IOException {
        for (Object[] c : CONFIGS) {
            @SuppressWarnings("unchecked")
            Map<String, Object> params = new java.util.HashMap<>((Map<String, Object>) c[1]);
            params.put("noise-seed", 3L);
            BanditFactory f = BanditWorld.factory((PolicyKind) c[0], params);
            twinRun(f, f.create(), 150, 7, true);
        }
        BanditFactory bpe = new BanditFactory(BanditParameters.parse(PolicyKind.BPE_DELAY, 0, 1,
                Map.of("horizon", 30L, "expected-delay", 2)));
        twinRun(bpe, bpe.create(), 200, 5, false);   // crosses a restart of the schedule
    }

    @Test
    void documentedSizesAreExactAndTheWindowBoundsThem() {
        BanditFactory f = BanditWorld.factory(PolicyKind.GP_UCB, Map.of("window", 32));
        BanditPolicy p = f.create();
        SplittableRandom r = new SplittableRandom(1);
        for (int t = 0; t < 100; t++) {
            p.decide(BanditWorld.inputs(BanditWorld.context(r)), 3);
        }
        int n = 32;
        int d = 5;
        // version + kind, plays + version, window GP: 4 + 8·(n(n+1)/2 + n(d+3))
        assertThat(f.toBytes(p)).hasSize(2 + 16 + 4 + 8 * (n * (n + 1) / 2 + n * (d + 3))).hasSize(6294);
        BanditFactory g = BanditWorld.factory(PolicyKind.GP_UCB, Map.of("memory", "features", "features", 64));
        BanditPolicy q = g.create();
        for (int t = 0; t < 100; t++) {
            q.decide(BanditWorld.inputs(BanditWorld.context(r)), 3);
        }
        int m = 64;
        assertThat(g.toBytes(q)).hasSize(2 + 16 + 8 + 8 * (m * (m + 1) / 2 + 2 * m));
        BanditFactory j = BanditWorld.factory(PolicyKind.JDP, Map.of("features", 64));
        int stats = 20 + 8 * (m * (m + 1) / 2 + m);
        assertThat(j.toBytes(j.create())).hasSize(2 + 16 + 8 + 4 + 1 + stats + 1 + 8 * (m * (m + 1) / 2 + m));
        PendingDecision pd = new PendingDecision(1, 2, 0, 0.5, 99, new double[5]);
        assertThat(pd.toBytes()).hasSize(pd.bytes()).hasSize(38 + 40);
        pd.close(PendingDecision.Status.ANSWERED);
        assertThat(pd.toBytes()).hasSize(38);
    }

    @Test
    void foreignOrFutureStateIsRefused() {
        BanditFactory ucb = BanditWorld.factory(PolicyKind.GP_UCB, Map.of());
        BanditFactory igp = BanditWorld.factory(PolicyKind.IGP_UCB, Map.of());
        byte[] bytes = ucb.toBytes(ucb.create());
        assertThatThrownBy(() -> igp.fromBytes(bytes)).isInstanceOf(IOException.class).hasMessageContaining("igp-ucb");
        byte[] future = bytes.clone();
        future[0] = 9;
        assertThatThrownBy(() -> ucb.fromBytes(future)).isInstanceOf(IOException.class).hasMessageContaining("version 9");
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        assertThatThrownBy(() -> ucb.fromBytes(truncated)).isInstanceOf(IOException.class);
    }

    @Test
    void badParametersAreNamed() {
        assertThatThrownBy(() -> BanditWorld.factory(PolicyKind.GP_UCB, Map.of("windw", 3)))
                .hasMessageContaining("parameter 'windw' unknown");
        assertThatThrownBy(() -> BanditWorld.factory(PolicyKind.JDP, Map.of("epsilon", 3.0)))
                .hasMessageContaining("parameter 'epsilon'");
        assertThatThrownBy(() -> BanditWorld.factory(PolicyKind.GP_UCB, Map.of("features", 7)))
                .hasMessageContaining("even");
        assertThatThrownBy(() -> BanditParameters.parse(PolicyKind.BPE_DELAY, 2, 1, Map.of()))
                .hasMessageContaining("context-dim must be 0");
    }
}
