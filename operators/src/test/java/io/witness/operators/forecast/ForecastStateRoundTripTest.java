package io.witness.operators.forecast;

import io.witness.operators.forecast.synthetic.AnomalyKind;
import io.witness.operators.forecast.synthetic.Base;
import io.witness.operators.forecast.synthetic.LabelledSeries;
import io.witness.operators.forecast.synthetic.SyntheticSeries;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * State: written and restored at every phase (mid warm-up, right after it, normal, incident open,
 * recalibrating after an accepted level shift, dictionary full); the copy and the original then run
 * side by side and must give the same score to the bit and end with byte-identical state. The size
 * {@code stateBytes()} is exactly what is written and never above the factory's bound (≤ 8 KiB by
 * default).
 */
class ForecastStateRoundTripTest {

    static byte[] bytes(ForecastModel m) throws IOException {
        StateOutput out = new StateOutput(m.stateBytes());
        m.writeState(out);
        byte[] b = out.toByteArray();
        assertThat(b).hasSize(m.stateBytes());
        return b;
    }

    @ParameterizedTest
    @ValueSource(strings = {"aogd", "nons"})
    void restoredCopiesContinueBitForBit(String algorithm) throws IOException {
        ForecastFactory f = ForecastMethod.with(Map.of("algorithm", algorithm));
        assertThat(f.maxStateBytes()).isLessThanOrEqualTo(8192);
        LabelledSeries s = SyntheticSeries.generate(Base.AR1, 1500, AnomalyKind.LEVEL_SHIFT, 600, 3);
        for (int i = 600; i < 1000; i++) {
            s.values()[i] += 5;   // +8 in all: a shift no seed misses
        }
        // a level shift of 400 points: the incident opens near 600 and is accepted at ~856, then recalibration
        int[] cuts = {50, 127, 128, 129, 300, 601, 700, 860, 900, 1400};
        for (int cut : cuts) {
            ForecastModel a = f.create();
            int maxBytes = 0;
            for (int i = 0; i < cut; i++) {
                a.observe(s.times()[i], s.values()[i]);
                maxBytes = Math.max(maxBytes, bytes(a).length);
            }
            ForecastModel b = (ForecastModel) f.restore(new StateInput(bytes(a)));
            assertThat(bytes(b)).as("re-written state at %d", cut).isEqualTo(bytes(a));
            for (int i = cut; i < s.size(); i++) {
                a.observe(s.times()[i], s.values()[i]);
                b.observe(s.times()[i], s.values()[i]);
                assertThat(Double.doubleToRawLongBits(b.lastScore())).as("score at %d after cut %d", i, cut)
                        .isEqualTo(Double.doubleToRawLongBits(a.lastScore()));
                assertThat(b.lastAlarm()).isEqualTo(a.lastAlarm());
                maxBytes = Math.max(maxBytes, a.stateBytes());
            }
            assertThat(bytes(b)).as("final state after cut %d", cut).isEqualTo(bytes(a));
            assertThat(maxBytes).isLessThanOrEqualTo(f.maxStateBytes());
            assertThat(a.incidents()).as("the level shift opened an incident").isGreaterThanOrEqualTo(1);
            assertThat(a.dictionarySize()).isEqualTo(f.dictionaryCapacity());
        }
    }

    @Test
    void defaultBoundsAreDocumented() {
        ForecastFactory aogd = ForecastMethod.defaults();
        ForecastFactory nons = ForecastMethod.with(Map.of("algorithm", "nons"));
        System.out.printf("state bound: aogd cap %d -> %d bytes; nons cap %d -> %d bytes%n", aogd.dictionaryCapacity(),
                aogd.maxStateBytes(), nons.dictionaryCapacity(), nons.maxStateBytes());
        assertThat(aogd.dictionaryCapacity()).isEqualTo(34);
        assertThat(nons.dictionaryCapacity()).isEqualTo(25);
        assertThat(aogd.maxStateBytes()).isLessThanOrEqualTo(8192);
        assertThat(nons.maxStateBytes()).isLessThanOrEqualTo(8192);
    }

    @Test
    void unknownVersionAndTruncatedStateFail() throws IOException {
        ForecastFactory f = ForecastMethod.defaults();
        ForecastModel m = f.create();
        LabelledSeries s = SyntheticSeries.normal(Base.IID, 400, 1);
        for (int i = 0; i < s.size(); i++) {
            m.observe(s.times()[i], s.values()[i]);
        }
        byte[] b = bytes(m);
        byte[] wrong = b.clone();
        wrong[1] = 9;
        assertThatThrownBy(() -> f.restore(new StateInput(wrong))).isInstanceOf(IOException.class)
                .hasMessageContaining("unknown format version 9");
        for (int cut : new int[] {1, 10, 40, 200, b.length - 1}) {
            assertThatThrownBy(() -> f.restore(new StateInput(Arrays.copyOf(b, cut)))).isInstanceOf(IOException.class);
        }
    }
}
