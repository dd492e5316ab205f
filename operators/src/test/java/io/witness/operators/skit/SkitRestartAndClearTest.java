package io.witness.operators.skit;

import io.witness.operators.bettors.Bettor;
import io.witness.operators.bettors.BettorKind;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.Step;
import io.witness.operators.skit.sim.PairedStream;
import io.witness.operators.skit.sim.PairedStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Long-running behaviour (spec §A.4.4 and the SkitModel contract): after an alarm the next test
 * starts with wealth 1 and the {@code test} counter increments; {@code clear} comes exactly once per
 * alarm episode, on the {@code resolve-after}-th consecutive bet without an alarm.
 */
class SkitRestartAndClearTest {

    private static Model monitor(BettorKind bettor, int resolveAfter) {
        return new SkitMethod().configure(Map.of("x", 1, "y", 1), 0.05, Map.of(
                "bettor", bettor.name().toLowerCase(Locale.ROOT), "bandwidth-x", 1.0, "bandwidth-y", 1.0,
                "resolve-after", resolveAfter)).create();
    }

    /** Feeds {@code n} observations of {@code stream} from index {@code from}; returns the steps. */
    private static List<Step> feed(Model m, PairedStream stream, long from, long n) {
        List<Step> steps = new ArrayList<>();
        double[] obs = new double[2];
        for (long i = from; i < from + n; i++) {
            stream.next(i, obs);
            Step s = m.update(i, obs);
            if (s != null) {
                steps.add(s);
            }
        }
        return steps;
    }

    private static double num(Step s, String key) {
        return s.explanation().get(key).asDouble();
    }

    @ParameterizedTest
    @EnumSource(BettorKind.class)
    void wealthRestartsAtOneAndTheTestCounterIncrements(BettorKind bettor) {
        Model m = monitor(bettor, 1000);
        List<Step> steps = feed(m, PairedStreams.gaussianLinear(2.0).open(11), 0, 3000);
        int alarms = 0;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            assertThat(s.explanation().get("test").asLong()).as("test counter at step %d = alarms before it", i)
                    .isEqualTo(alarms);
            assertThat(s.pValue()).as("p-value = min(1, 1/max wealth of the running test) ≤ 1/current wealth")
                    .isLessThanOrEqualTo(Math.min(1.0, Math.exp(-s.statistic())));
            if (s.alarm()) {
                assertThat(s.eValue()).isGreaterThanOrEqualTo(20.0);
                alarms++;
                if (i + 1 < steps.size()) {
                    assertRestartedAtOne(bettor, steps.get(i + 1));
                }
            }
        }
        assertThat(alarms).as("a strongly dependent stream alarms repeatedly").isGreaterThanOrEqualTo(3);
    }

    /** The bet right after an alarm moves wealth 1 by one factor (1 + λ f) — nothing carried over. */
    private static void assertRestartedAtOne(BettorKind bettor, Step next) {
        double f = num(next, "payoff");
        double lambda = num(next, "lambda");
        if (bettor == BettorKind.MIXTURE) {
            // all 19 components restart at 1: wealth = mean_j (1 + λ_j f) = 1 + 0.5 f, weighted λ = 0.5
            assertThat(lambda).isCloseTo(0.5, within(1e-12));
            assertThat(next.eValue()).isCloseTo(1.0 + 0.5 * f, within(1e-12));
        } else {
            // same operation as Bettor.logGrowth from log wealth 0: bit-identical
            assertThat(next.statistic()).isEqualTo(Math.log1p(lambda * f));
        }
        assertThat(next.pValue()).isEqualTo(Math.min(1.0, Math.exp(-Math.max(0.0, next.statistic()))));
    }

    @Test
    void clearComesOnceAfterResolveAfterBetsWithoutAlarm() {
        int resolveAfter = 100;
        Model m = monitor(BettorKind.ONS, resolveAfter);
        List<Step> steps = new ArrayList<>(feed(m, PairedStreams.gaussianLinear(2.0).open(12), 0, 600));
        int dependentSteps = steps.size();
        steps.addAll(feed(m, PairedStreams.gaussianLinear(0.0).open(13), 600, 4000));
        int lastAlarm = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).alarm()) {
                lastAlarm = i;
            }
        }
        assertThat(lastAlarm).as("alarms in the dependent phase").isGreaterThanOrEqualTo(0);
        assertThat(lastAlarm).as("independent phase long enough to resolve").isLessThan(steps.size() - resolveAfter);
        List<Integer> clears = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).clear()) {
                clears.add(i);
            }
        }
        assertThat(clears).as("one clear, on the %d-th bet after the last alarm (independent phase from step %d)",
                resolveAfter, dependentSteps).containsExactly(lastAlarm + resolveAfter);
    }

    /**
     * On a stream that alternates strongly dependent and independent blocks, some alarms come back
     * before {@code resolve-after} bets and some episodes resolve: every step's {@code clear} follows
     * the rule; a new alarm inside the count restarts it.
     */
    @Test
    void aNewAlarmBeforeResolveAfterRestartsTheCount() {
        int resolveAfter = 40;
        Model m = monitor(BettorKind.ONS, resolveAfter);
        PairedStream dependent = PairedStreams.gaussianLinear(2.0).open(14);
        PairedStream independent = PairedStreams.gaussianLinear(0.0).open(15);
        // blocks of 400 observations (200 pairs, aligned to pairs), dependent first
        PairedStream alternating = (index, out) -> ((index / 400) % 2 == 0 ? dependent : independent).next(index, out);
        List<Step> steps = feed(m, alternating, 0, 8000);
        boolean open = false;
        long since = 0;
        int shortGaps = 0;
        int clears = 0;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            boolean expectClear = false;
            if (s.alarm()) {
                if (open) {
                    shortGaps++; // re-alarm before the episode resolved
                }
                open = true;
                since = 0;
            } else if (open && ++since == resolveAfter) {
                expectClear = true;
                open = false;
            }
            assertThat(s.clear()).as("clear at step %d (alarm episode open=%s, bets since alarm=%d)", i, open, since)
                    .isEqualTo(expectClear);
            if (s.clear()) {
                clears++;
            }
        }
        assertThat(shortGaps).as("episodes re-alarmed before resolving (the case under test)").isPositive();
        assertThat(clears).as("episodes that resolved").isPositive();
    }
}
