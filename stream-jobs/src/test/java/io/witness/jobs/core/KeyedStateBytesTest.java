package io.witness.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.support.TestData;
import io.witness.jobs.support.TestData.Obs;
import io.witness.operators.monitor.MonitorFactory;

/** Keyed state in its own versioned byte format: exact size, lossless round trip, version check. */
class KeyedStateBytesTest {

    private static final WitnessConfig FIXED = TestData.config("  dedupe-window: 4\n",
            TestData.skitMonitor("m", "t", 40, "60s"));

    /** Median-heuristic bandwidths: the model starts in burn-in, a different state layout. */
    private static final WitnessConfig BURN_IN = TestData.config("  dedupe-window: 4\n", """
              - id: m
                source: {topic: t}
                fields: {x: [x], y: [y]}
                method: skit
                params: {burn-in: 10, features: 8}
            """);

    private static final List<Obs> DATA = TestData.dependentThenIndependent("k", 150, 50, TestData.T0, 3);

    private static MonitorFactory factory(MonitorRun r) {
        return r.processor.bound().factory();
    }

    @Test
    void freshStateIsItsHeaderOnly() {
        MonitorRun r = new MonitorRun(FIXED);
        KeyedState s = KeyedState.fresh();
        byte[] b = r.processor.store(s);

        assertThat(s.bytes()).isEqualTo(1 + 1 + 8 + 8 + 8 + 2 + 2 + Incident.BYTES + 1).isEqualTo(b.length);
        assertThat(b[0]).as("version tag").isEqualTo(KeyedState.FORMAT_VERSION).isEqualTo((byte) 2);
        assertThat(b[1]).as("method id of skit").isEqualTo((byte) 1);
        assertThat(java.nio.ByteBuffer.wrap(b, 2, 8).getLong()).as("shape digest")
                .isEqualTo(r.processor.bound().factory().stateShape().digest());
    }

    @Test
    void bytesIsExactAtEveryStep() {
        for (WitnessConfig c : List.of(FIXED, BURN_IN)) {
            MonitorRun r = new MonitorRun(c);
            for (Obs o : DATA) {
                r.feed(o);
                assertThat(r.state.bytes()).as("after offset %d", r.offset - 1).isEqualTo(r.bytes().length);
            }
        }
    }

    @Test
    void roundTripIsLosslessInBurnInAndAfter() throws IOException {
        for (int n : new int[] {0, 1, 5, 11, 60, 200}) {
            for (WitnessConfig c : List.of(FIXED, BURN_IN)) {
                MonitorRun r = new MonitorRun(c);
                r.feedAll(DATA.subList(0, n));
                byte[] bytes = r.bytes();

                KeyedState back = KeyedState.fromBytes(bytes, factory(r), 4);

                assertThat(r.processor.store(back)).as("%d events", n).isEqualTo(bytes);
                assertThat(back.bytes()).isEqualTo(bytes.length);
                assertThat(back.newestTime).isEqualTo(r.state.newestTime);
                assertThat(back.steps).isEqualTo(r.state.steps);
            }
        }
    }

    @Test
    void restoredStateContinuesExactlyAsTheOriginal() throws IOException {
        for (WitnessConfig c : List.of(FIXED, BURN_IN)) {
            MonitorRun straight = new MonitorRun(c);
            straight.feedAll(DATA);

            MonitorRun first = new MonitorRun(c);
            first.feedAll(DATA.subList(0, 77));                   // odd: a half pair is held
            MonitorRun second = first.restarted();
            second.feedAll(DATA.subList(77, DATA.size()));

            first.out.evidence.addAll(second.out.evidence);
            first.out.alerts.addAll(second.out.alerts);
            assertThat(first.transcript()).isEqualTo(straight.transcript());
            assertThat(second.bytes()).isEqualTo(straight.bytes());
        }
    }

    @Test
    void unknownVersionIsRefusedWithAClearMessage() {
        MonitorRun r = new MonitorRun(FIXED);
        r.feedAll(DATA.subList(0, 10));
        byte[] b = r.bytes();
        b[0] = 3;

        assertThatThrownBy(() -> KeyedState.fromBytes(b, factory(r), 4))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("unknown Witness keyed-state version 3 (this build reads 1 and 2)");
    }

    @Test
    void trailingOrMissingBytesAreRefused() {
        MonitorRun r = new MonitorRun(FIXED);
        r.feedAll(DATA.subList(0, 10));
        byte[] b = r.bytes();

        assertThatThrownBy(() -> KeyedState.fromBytes(Arrays.copyOf(b, b.length + 3), factory(r), 4))
                .isInstanceOf(IOException.class)
                .hasMessage("keyed state has 3 unread bytes: method state format mismatch");
        assertThatThrownBy(() -> KeyedState.fromBytes(Arrays.copyOf(b, b.length - 1), factory(r), 4))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void restoreWithASmallerDedupeWindowKeepsTheNewestEvents() throws IOException {
        MonitorRun r = new MonitorRun(FIXED);
        for (int i = 0; i < 6; i++) {                         // six events through a window of 4: the ring wraps
            r.feed("k", 1_000 + i, i, i);
        }

        KeyedState s = KeyedState.fromBytes(r.bytes(), factory(r), 2);

        assertThat(s.recentCount).isEqualTo(2);
        assertThat(s.seen(KeyedMonitorProcessor.fingerprint(1_005, new double[] {5, 5}))).isTrue();
        assertThat(s.seen(KeyedMonitorProcessor.fingerprint(1_004, new double[] {4, 4}))).isTrue();
        assertThat(s.seen(KeyedMonitorProcessor.fingerprint(1_003, new double[] {3, 3}))).isFalse();
        assertThat(s.bytes()).isEqualTo(r.processor.store(s).length).isEqualTo(r.state.bytes() - 2 * 8);
    }
}
