package io.witness.operators.forecast;

import io.witness.operators.forecast.synthetic.AnomalyKind;
import io.witness.operators.forecast.synthetic.Base;
import io.witness.operators.forecast.synthetic.LabelledSeries;
import io.witness.operators.forecast.synthetic.SyntheticSeries;
import io.witness.operators.monitor.StateInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Savepoints written before the drift and structure views (state format version 1) must restore.
 * The golden files {@code src/test/resources/state/forecast-upgrade-*-v1.b64} were written by the
 * version-1 build (commit b57abad) with the default parameters, at four phases, together with that
 * build's forecasts for the 40 points after each snapshot ({@code .forecasts}, hexadecimal doubles).
 * Restored here they must (1) give the same forecasts to the bit — the forecaster's state came through
 * intact; (2) be written back in the current version (3), which restores to the same bytes; and (3) from the warm-up
 * phase, whose layout the views did not change, continue exactly like a model that never stopped.
 * They are never regenerated: they are what an old savepoint holds.
 */
class ForecastStateUpgradeTest {

    static LabelledSeries series(String phase) {
        if (phase.equals("warm-up") || phase.equals("running")) {
            return SyntheticSeries.normal(Base.AR1, 3000, 11);
        }
        LabelledSeries s = SyntheticSeries.generate(Base.AR1, 1500, AnomalyKind.LEVEL_SHIFT, 600, 3);
        for (int i = 600; i < 1000; i++) {
            s.values()[i] += 5;
        }
        return s;
    }

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({"warm-up, 60, 0, false", "running, 1500, 0, false", "incident, 700, 1, true",
            "recalibrating, 860, 1, false"})
    void version1StateRestoresWithItsForecasts(String phase, int snapshotAt, long incidents, boolean open)
            throws IOException {
        ForecastFactory f = ForecastMethod.defaults();
        byte[] v1 = Base64.getMimeDecoder().decode(resource("forecast-upgrade-" + phase + "-v1.b64").trim());
        assertThat(v1[0] * 256 + v1[1]).as("golden file holds format version 1").isEqualTo(1);
        ForecastModel restored = (ForecastModel) f.restore(new StateInput(v1));
        assertThat(restored.observations()).isEqualTo(snapshotAt);
        assertThat(restored.incidents()).isEqualTo(incidents);

        byte[] now = ForecastStateRoundTripTest.bytes(restored);
        assertThat(now[0] * 256 + now[1]).as("written back in the current version").isEqualTo(ForecastModel.FORMAT_VERSION);
        assertThat(ForecastStateRoundTripTest.bytes((ForecastModel) f.restore(new StateInput(now)))).isEqualTo(now);

        List<String> expected = resource("forecast-upgrade-" + phase + "-v1.forecasts").lines()
                .filter(l -> !l.startsWith("#")).toList();
        assertThat(expected).hasSize(40);
        LabelledSeries s = series(phase);
        for (int k = 0; k < expected.size(); k++) {
            int i = snapshotAt + k;
            restored.observe(s.times()[i], s.values()[i]);
            assertThat(Double.doubleToRawLongBits(restored.lastForecast())).as("%s: forecast at %d", phase, i)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(expected.get(k))));
            if (k == 0 && !phase.equals("warm-up")) {
                assertThat(restored.lastAlarm()).as("incident state came through").isEqualTo(open);
            }
        }
    }

    @Test
    void version1WarmUpContinuesLikeAModelThatNeverStopped() throws IOException {
        ForecastFactory f = ForecastMethod.defaults();
        byte[] v1 = Base64.getMimeDecoder().decode(resource("forecast-upgrade-warm-up-v1.b64").trim());
        ForecastModel restored = (ForecastModel) f.restore(new StateInput(v1));
        ForecastModel uninterrupted = f.create();
        LabelledSeries s = series("warm-up");
        for (int i = 0; i < s.size(); i++) {
            uninterrupted.observe(s.times()[i], s.values()[i]);
            if (i >= 60) {
                restored.observe(s.times()[i], s.values()[i]);
                assertThat(Double.doubleToRawLongBits(restored.lastScore())).as("score at %d", i)
                        .isEqualTo(Double.doubleToRawLongBits(uninterrupted.lastScore()));
            }
        }
        assertThat(ForecastStateRoundTripTest.bytes(restored)).isEqualTo(ForecastStateRoundTripTest.bytes(uninterrupted));
    }

    @Test
    void version1StateCutShortFails() throws IOException {
        ForecastFactory f = ForecastMethod.defaults();
        byte[] v1 = Base64.getMimeDecoder().decode(resource("forecast-upgrade-running-v1.b64").trim());
        for (int cut : new int[] {3, 100, v1.length - 1}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.restore(new StateInput(Arrays.copyOf(v1, cut))))
                    .isInstanceOf(IOException.class);
        }
    }

    private static String resource(String file) throws IOException {
        try (InputStream in = ForecastStateUpgradeTest.class.getResourceAsStream("/state/" + file)) {
            assertThat(in).as("resource /state/" + file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
