package io.witness.jobs.replay;

import io.witness.jobs.cli.WitnessCli;
import io.witness.operators.forecast.ForecastMethod;
import io.witness.operators.forecast.synthetic.AnomalyKind;
import io.witness.operators.forecast.synthetic.Base;
import io.witness.operators.forecast.synthetic.LabelledSeries;
import io.witness.operators.forecast.synthetic.SyntheticSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code replay --scores}: rows kept verbatim, scores and alarms appended, folders mirrored, bad rows counted. */
class ScoreReplayTest {

    @TempDir
    Path tmp;

    static List<String> csv(LabelledSeries s) {
        List<String> lines = new ArrayList<>();
        lines.add("timestamp,value");
        for (int i = 0; i < s.size(); i++) {
            lines.add(s.times()[i] + "," + String.format(Locale.ROOT, "%.4f", s.values()[i]));
        }
        return lines;
    }

    @Test
    void aFolderOfSeriesGivesAFolderOfScoredSeries() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in/team-a"));
        LabelledSeries shift = SyntheticSeries.generate(Base.IID, 1500, AnomalyKind.LEVEL_SHIFT, 1000, 1);
        for (int i = 1000; i < 1400; i++) {
            shift.values()[i] += 5;
        }
        Files.write(in.resolve("checkout-latency.csv"), csv(shift));
        Files.write(tmp.resolve("in/calm.csv"), csv(SyntheticSeries.normal(Base.AR1, 800, 2)));
        Path out = tmp.resolve("out");

        ScoreReplay.Result r = new ScoreReplay(ForecastMethod.defaults()).run(tmp.resolve("in"), out);

        assertThat(r.files).isEqualTo(2);
        assertThat(r.rows).isEqualTo(2300);
        // two warm-ups, and the 64 recalibration points after the 400-point shift is accepted (256 points in)
        assertThat(r.notScored).isEqualTo(2 * 128 + 64);
        assertThat(r.badRowTotal()).isZero();
        List<String> scored = Files.readAllLines(out.resolve("team-a/checkout-latency.csv"));
        List<String> input = csv(shift);
        assertThat(scored).hasSize(input.size());
        assertThat(scored.get(0)).isEqualTo("timestamp,value,anomaly_score,alarm,surprise");
        int firstAlarm = -1;
        for (int i = 1; i < scored.size(); i++) {
            String line = scored.get(i);
            assertThat(line).startsWith(input.get(i) + ",");
            String[] c = line.split(",", -1);
            assertThat(c).hasSize(5);
            if (i <= 128 || c[2].isEmpty()) {
                assertThat(i <= 128 || i > 1250).as("unscored row %d: warm-up or recalibration", i).isTrue();
                assertThat(c[3]).isEqualTo("0");
                assertThat(c[4]).isEmpty();
            } else {
                double score = Double.parseDouble(c[2]);
                double surprise = Double.parseDouble(c[4]);
                assertThat(score).isBetween(0.0, 1.0);
                assertThat(score).as("score = surprise/(1 + surprise)").isCloseTo(surprise / (1 + surprise),
                        org.assertj.core.data.Offset.offset(1e-12));
                assertThat(c[3]).isIn("0", "1");
                if (c[3].equals("1") && firstAlarm < 0 && i - 1 >= 1000) {
                    firstAlarm = i - 1;
                }
            }
        }
        assertThat(firstAlarm).as("the +8 shift at row 1000 alarms at once").isBetween(1000, 1005);
        assertThat(Files.readAllLines(out.resolve("calm.csv"))).hasSize(801);
    }

    @Test
    void unusableRowsGetAnEmptyScoreAndAreCountedByReason() throws IOException {
        List<String> lines = csv(SyntheticSeries.normal(Base.IID, 300, 3));
        lines.set(0, "value,host,timestamp");   // other column order and an extra column
        for (int i = 1; i < lines.size(); i++) {
            String[] c = lines.get(i).split(",");
            lines.set(i, c[1] + ",web-1," + c[0]);
        }
        lines.set(150, "NaN,web-1," + (SyntheticSeries.START_MS + 149 * 60_000L + 1));
        lines.set(151, "abc,web-1," + (SyntheticSeries.START_MS + 150 * 60_000L));
        lines.set(152, ",web-1," + (SyntheticSeries.START_MS + 151 * 60_000L));
        lines.set(153, "1.0,web-1,yesterday");
        lines.set(154, "1.0,web-1");
        lines.set(156, "100.0,web-1," + (SyntheticSeries.START_MS + 10 * 60_000L));   // out of order
        lines.add(lines.get(lines.size() - 1));                                          // duplicate timestamp
        lines.add("100.5,web-1,2024-01-01 05:00:00");                                    // space-separated, UTC
        Path in = tmp.resolve("api.csv");
        Files.write(in, lines);
        ScoreReplay.Result r = new ScoreReplay(ForecastMethod.defaults()).run(in, tmp.resolve("o"));
        assertThat(r.badRows).containsEntry("NOT_FINITE", 1L).containsEntry("MALFORMED", 3L)
                .containsEntry("MISSING_FIELD", 1L).containsEntry("OUT_OF_ORDER", 2L);
        List<String> out = Files.readAllLines(tmp.resolve("o/api.csv"));
        assertThat(out).hasSize(lines.size());
        for (int i : new int[] {150, 151, 152, 153, 154, 156, lines.size() - 2}) {
            assertThat(out.get(i)).isEqualTo(lines.get(i) + ",,0,");
        }
        assertThat(out.get(out.size() - 1).split(",", -1)[3]).isNotEmpty();
        assertThat(out.get(out.size() - 1).split(",", -1)[5]).as("its surprise").isNotEmpty();
        assertThat(r.scored).isEqualTo(300 - 128 - 6 + 1);
    }

    @Test
    void theCommandLineWritesTheFolderAndASummary() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("series"));
        Files.write(in.resolve("a.csv"), csv(SyntheticSeries.normal(Base.CYCLE, 400, 4)));
        Path out = tmp.resolve("scored");
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
            code = WitnessCli.execute("replay", "--scores", "--input", in.toString(), "--output", out.toString());
        } finally {
            System.setErr(err);
        }
        assertThat(code).isZero();
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("witness: scored 272 of 400 rows in 1 files");
        assertThat(Files.readAllLines(out.resolve("a.csv"))).hasSize(401);

        assertThat(WitnessCli.execute("replay", "--scores", "--input", in.toString())).isEqualTo(2);
        Files.writeString(tmp.resolve("bad.csv"), "time,key,x\n1,a,2\n");
        assertThat(WitnessCli.execute("replay", "--scores", "--input", tmp.resolve("bad.csv").toString(), "--output",
                out.toString())).isEqualTo(2);
        assertThat(WitnessCli.execute("replay", "--input", in.toString())).as("--config needed without --scores")
                .isEqualTo(2);
    }
}
