package io.witness.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code witness bench} end to end, kept short (one key count, 2 s windows; about 30 s in all): the
 * real job runs three times (monitor, the noop baseline, the bare pipeline), each after every key had
 * its warm-up ({@code --steady}), and the output ends with the machine-readable line. Tagged {@code bench} so that it can be run alone ({@code -Dgroups=bench}); it times nothing
 * itself, it only checks that the harness measures and reports.
 */
@Tag("bench")
class BenchCommandTest {
    private static final Pattern LAST = Pattern.compile("bench monitor=(\\S+) keys=(\\d+) events_per_s=(\\d+\\.\\d) "
            + "baseline_events_per_s=(\\d+\\.\\d) ratio=(\\d+\\.\\d{3}) p99_ms=(\\d+\\.\\d) state_bytes_per_key=(\\d+) "
            + "bare_events_per_s=(\\d+\\.\\d) bare_ratio=(\\d+\\.\\d{3}) p50_ms=(\\d+\\.\\d) steady=(true|false)");

    @TempDir
    Path dir;

    @Test
    void runsTheMonitorAndItsBaselineAndEndsWithTheMachineReadableLine() throws Exception {
        String previousTmp = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", Files.createDirectories(dir.resolve("tmp")).toString());
        Path config = Files.writeString(dir.resolve("bench.yaml"), """
                job:
                  checkpoint-interval: 1s
                  backend: cpu
                  batch: {max-items: 64, max-delay: 20ms}
                monitors:
                  - id: small
                    source: {topic: anything}
                    fields: {x: [a], y: [b]}
                    method: skit
                    params: {features: 8, bandwidth-x: 1.0, bandwidth-y: 1.0}
                """);
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = WitnessCli.execute("bench", "--monitor", "small", "--config", config.toString(), "--keys", "50",
                    "--warm-up", "1s", "--steady", "--duration", "2s", "--data-dir", dir.resolve("data").toString());
        } finally {
            System.setOut(old);
            System.setProperty("java.io.tmpdir", previousTmp);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        assertThat(exit).isZero();
        assertThat(text).contains("in-memory generator (no Kafka)", "calibration", "noop baseline", "bare pipeline",
                "| keys | run | events/s |", "until every key has had", "keyed-state cache: auto");
        List<String> lines = text.lines().toList();
        Matcher m = LAST.matcher(lines.get(lines.size() - 1));
        assertThat(m.matches()).as("last line: %s", lines.get(lines.size() - 1)).isTrue();
        assertThat(m.group(1)).isEqualTo("small");
        assertThat(m.group(2)).isEqualTo("50");
        double events = Double.parseDouble(m.group(3));
        double baseline = Double.parseDouble(m.group(4));
        assertThat(events).as("monitor events/s").isPositive();
        assertThat(baseline).as("baseline events/s").isPositive();
        assertThat(Double.parseDouble(m.group(5))).isCloseTo(events / baseline, org.assertj.core.data.Offset.offset(0.001));
        double bare = Double.parseDouble(m.group(8));
        assertThat(bare).as("bare pipeline events/s").isPositive();
        assertThat(Double.parseDouble(m.group(9))).isCloseTo(events / bare, org.assertj.core.data.Offset.offset(0.001));
        assertThat(m.group(11)).as("every key had its warm-up before the window").isEqualTo("true");
        // SKIT at D = 8 with x, y scalar, float means: 8 + 4·(16 + 16 + 256) = 1,160 bytes of witness, plus the
        // rest of the model and the envelope; the baseline holds the same
        assertThat(Long.parseLong(m.group(7))).isBetween(1_160L, 2_500L);
        try (var files = Files.list(dir.resolve("data"))) {
            assertThat(files.toList()).as("each run's RocksDB files and checkpoints are deleted").isEmpty();
        }
    }

    @Test
    void benchesAPointProcessMonitorOnTypedEventsWithEveryKeyPrewarmed() throws Exception {
        String previousTmp = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", Files.createDirectories(dir.resolve("tmp")).toString());
        Path config = Files.writeString(dir.resolve("hawkes.yaml"), """
                job:
                  checkpoint-interval: 1s
                  backend: cpu
                monitors:
                  - id: cascades
                    source: {topic: anything}
                    type-field: type
                    method: hawkes
                """);
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = WitnessCli.execute("bench", "--monitor", "cascades", "--config", config.toString(), "--keys", "20",
                    "--warm-up", "1s", "--prewarm", "--steady", "--no-calibrated-baseline", "--duration", "2s",
                    "--timeline", "1s", "--variant", "bloom-off:state.backend.rocksdb.use-bloom-filter=false",
                    "--data-dir", dir.resolve("data").toString());
        } finally {
            System.setOut(old);
            System.setProperty("java.io.tmpdir", previousTmp);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        assertThat(exit).isZero();
        assertThat(text).contains("--prewarm: the keys of 'cascades' start from 8 template models in turn",
                "until every key has been seen once", "timeline run=", "[bloom-off]").doesNotContain("noop baseline");
        List<String> lines = text.lines().toList();
        String last = lines.get(lines.size() - 1);
        assertThat(last).startsWith("bench monitor=cascades keys=20 ").contains("baseline_events_per_s=NaN", "steady=true");
        // no dead letters: every generated event carries the type the monitor reads
        assertThat(text).doesNotContain("dead letters (not expected)");
        Matcher events = Pattern.compile(" events_per_s=(\\d+\\.\\d)").matcher(last);
        assertThat(events.find()).isTrue();
        assertThat(Double.parseDouble(events.group(1))).isPositive();
        Matcher bytes = Pattern.compile("state_bytes_per_key=(\\d+)").matcher(last);
        assertThat(bytes.find()).isTrue();
        // a Hawkes model of two types past its warm-up (README: 2,323-3,283 model bytes), not a fresh one
        assertThat(Long.parseLong(bytes.group(1))).isBetween(2_000L, 6_000L);
    }
}
