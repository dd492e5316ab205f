package io.witness.operators.skit;

import io.witness.operators.bettors.BettorKind;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.monitor.Step;
import io.witness.operators.skit.sim.PairedStream;
import io.witness.operators.skit.sim.PairedStreams;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * State round trips of the SKIT state machine for every witness × bettor: at each phase (mid burn-in,
 * right after it, half pair held, alarm episode open, after restarts, after a clear, exact history
 * frozen) the state is written and restored, and the copy and the original are then run side by side
 * on the same input: every Step must be identical, statistic and e-value to the bit. An exactly-once
 * restore (Flink restores the last checkpoint and replays) is only exact if this holds.
 */
class SkitStateRoundTripTest {

    static final int BURN_IN = 40;
    static final int RESOLVE_AFTER = 30;
    /** Observations a restored copy runs side by side with the original. */
    static final int SIDE_BY_SIDE = 240;
    /** Dependent for the first half (alarms, restarts), independent after it (episodes resolve). */
    static final int DEPENDENT = 700;
    static final int TOTAL = 1400;

    enum Phase { BURN_IN, HALF_PAIR_HELD, EPISODE_OPEN, RESTARTED, CLEARED, HISTORY_FROZEN }

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (WitnessKind w : WitnessKind.values()) {
            for (BettorKind b : BettorKind.values()) {
                all.add(Arguments.of(w, b));
            }
        }
        return all.stream();
    }

    static MonitorFactory factory(WitnessKind witness, BettorKind bettor) {
        Map<String, Object> p = new HashMap<>();
        p.put("witness", witness.name().toLowerCase(Locale.ROOT));
        p.put("bettor", bettor.name().toLowerCase(Locale.ROOT));
        p.put("burn-in", BURN_IN);
        p.put("resolve-after", RESOLVE_AFTER);
        if (witness == WitnessKind.EXACT) {
            p.put("max-history", 300); // reached mid-stream, so the frozen witness is round-tripped too
        }
        return new SkitMethod().configure(Map.of("x", 1, "y", 1), 0.05, p);
    }

    static double[][] stream() {
        PairedStream dependent = PairedStreams.gaussianLinear(1.0).open(21);
        PairedStream independent = PairedStreams.gaussianLinear(0.0).open(22);
        double[][] obs = new double[TOTAL][2];
        for (int i = 0; i < TOTAL; i++) {
            (i < DEPENDENT ? dependent : independent).next(i, obs[i]);
        }
        return obs;
    }

    /** A restored copy running beside the original until {@code until} observations. */
    record Twin(Model copy, int until, int from) {
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("combinations")
    void restoredCopyContinuesBitIdentically(WitnessKind witness, BettorKind bettor) throws IOException {
        MonitorFactory factory = factory(witness, bettor);
        Model original = factory.create();
        double[][] obs = stream();
        Set<Phase> covered = EnumSet.noneOf(Phase.class);
        List<Twin> twins = new ArrayList<>();
        int alarms = 0;
        boolean episodeOpen = false;
        boolean clearedSinceSnapshot = false;
        for (int i = 0; i <= TOTAL; i++) {
            // snapshot after i observations: scheduled ones plus the first observation of each new phase
            Phase phase = phase(i, alarms, episodeOpen, clearedSinceSnapshot, witness);
            if (i % 97 == 23 || i == BURN_IN || i == BURN_IN + 1 || (phase != null && !covered.contains(phase))) {
                byte[] state = SkitStateBytes.write(original);
                assertThat(state.length).as("stateBytes() after %d observations", i).isEqualTo(original.stateBytes());
                Model copy = SkitStateBytes.restore(factory, state);
                assertThat(copy.observations()).isEqualTo(original.observations());
                assertThat(SkitStateBytes.write(copy)).as("re-written state after %d observations", i).isEqualTo(state);
                twins.add(new Twin(copy, Math.min(TOTAL, i + SIDE_BY_SIDE), i));
                if (phase != null) {
                    covered.add(phase);
                    if (phase == Phase.CLEARED) {
                        clearedSinceSnapshot = false;
                    }
                }
            }
            if (i == TOTAL) {
                break;
            }
            Step step = original.update(i, obs[i]);
            for (Iterator<Twin> it = twins.iterator(); it.hasNext(); ) {
                Twin t = it.next();
                Step twinStep = t.copy().update(i, obs[i]);
                assertSameStep(twinStep, step, t.from(), i);
                if (i + 1 == t.until()) {
                    assertThat(SkitStateBytes.write(t.copy())).as("state of the copy restored at %d, at %d", t.from(), i + 1)
                            .isEqualTo(SkitStateBytes.write(original));
                    it.remove();
                }
            }
            if (step != null && step.alarm()) {
                alarms++;
                episodeOpen = true;
            }
            if (step != null && step.clear()) {
                episodeOpen = false;
                clearedSinceSnapshot = true;
            }
        }
        Set<Phase> expected = EnumSet.of(Phase.BURN_IN, Phase.HALF_PAIR_HELD, Phase.EPISODE_OPEN, Phase.RESTARTED,
                Phase.CLEARED);
        if (witness == WitnessKind.EXACT) {
            expected.add(Phase.HISTORY_FROZEN);
        }
        assertThat(covered).as("phases round-tripped").containsAll(expected);
        assertThat(alarms).as("alarms (restarts) in the dependent part").isGreaterThanOrEqualTo(2);
    }

    /** The phase the monitor is in after {@code i} observations, as far as this test tracks phases. */
    private static Phase phase(int i, int alarms, boolean episodeOpen, boolean cleared, WitnessKind witness) {
        if (i > 0 && i < BURN_IN) {
            return Phase.BURN_IN;
        }
        if (cleared) {
            return Phase.CLEARED;
        }
        if (alarms >= 2 && (i - BURN_IN) % 2 == 1) {
            return Phase.RESTARTED; // after two restarts, with half a pair held
        }
        if (episodeOpen) {
            return Phase.EPISODE_OPEN;
        }
        if (witness == WitnessKind.EXACT && i > 320) {
            return Phase.HISTORY_FROZEN; // 40 burn-in + 280 more points > max-history 300
        }
        if (i > BURN_IN && (i - BURN_IN) % 2 == 1) {
            return Phase.HALF_PAIR_HELD;
        }
        return null;
    }

    private static void assertSameStep(Step copy, Step original, int restoredAt, int i) {
        if (original == null) {
            assertThat(copy).as("copy restored at %d, observation %d: no step", restoredAt, i).isNull();
            return;
        }
        assertThat(copy).as("copy restored at %d, observation %d", restoredAt, i).isNotNull();
        assertThat(Double.doubleToRawLongBits(copy.statistic()))
                .as("statistic bits (copy restored at %d, observation %d)", restoredAt, i)
                .isEqualTo(Double.doubleToRawLongBits(original.statistic()));
        assertThat(Double.doubleToRawLongBits(copy.eValue()))
                .as("e-value bits (copy restored at %d, observation %d)", restoredAt, i)
                .isEqualTo(Double.doubleToRawLongBits(original.eValue()));
        assertThat(copy).isEqualTo(original); // record equality: every field and the whole explanation
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("combinations")
    void unknownVersionIsRejected(WitnessKind witness, BettorKind bettor) {
        MonitorFactory factory = factory(witness, bettor);
        Model m = factory.create();
        double[][] obs = stream();
        for (int i = 0; i < 301; i++) {
            m.update(i, obs[i]);
        }
        byte[] state = SkitStateBytes.write(m);
        for (short version : new short[]{0, 3, -1, Short.MAX_VALUE}) {
            byte[] tagged = state.clone();
            tagged[0] = (byte) (version >> 8);
            tagged[1] = (byte) version;
            assertThatThrownBy(() -> SkitStateBytes.restore(factory, tagged))
                    .as("version %d", version)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("unknown format version " + version);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("combinations")
    void truncatedStateFailsWithIOException(WitnessKind witness, BettorKind bettor) throws IOException {
        MonitorFactory factory = factory(witness, bettor);
        Model m = factory.create();
        double[][] obs = stream();
        // mid burn-in, half pair held, and late (restarted, and for exact frozen)
        int[] checkpoints = {17, 301, 1001};
        int done = 0;
        for (int at : checkpoints) {
            for (; done < at; done++) {
                m.update(done, obs[done]);
            }
            byte[] state = SkitStateBytes.write(m);
            assertThat(SkitStateBytes.restore(factory, state).observations()).isEqualTo(at);
            for (int length : cutPoints(state.length)) {
                byte[] cut = Arrays.copyOf(state, length);
                assertThatThrownBy(() -> SkitStateBytes.restore(factory, cut))
                        .as("state of %d bytes after %d observations cut to %d", state.length, at, length)
                        .isInstanceOf(IOException.class);
            }
        }
    }

    /** Cut lengths: inside every fixed header field, a few in the body, and one byte short of the end. */
    private static int[] cutPoints(int length) {
        return Arrays.stream(new int[]{0, 1, 2, 5, 10, 11, 13, 19, 27, length / 3, length / 2, length - 33, length - 8,
                length - 1}).filter(l -> l >= 0 && l < length).distinct().toArray();
    }
}
