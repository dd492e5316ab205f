package io.witness.jobs.cli;

import static io.witness.jobs.cli.CliRun.witness;
import static io.witness.jobs.cli.CliRun.witnessWithStdin;
import static org.assertj.core.api.Assertions.assertThat;

import io.witness.jobs.support.TestData;
import io.witness.jobs.support.TestData.Obs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * {@code witness replay} as a command-line citizen, through the real CLI in-process: stdin and stdout,
 * gzip by magic bytes, progress on stderr, exit codes for unusable input, --alerts-only, error texts
 * without library internals, --version and help.
 */
class ReplayUnixToolTest {

    @TempDir
    Path dir;

    private Path cfg;
    private Path events;
    /** The output of a plain replay of {@link #events}: what every other form must reproduce. */
    private String expected;

    @BeforeEach
    void setUp() throws IOException {
        cfg = Files.writeString(dir.resolve("monitors.yaml"), "monitors:\n" + TestData.skitMonitor("m1", "t", 40, "60s"));
        List<String> lines = new ArrayList<>();
        for (Obs o : TestData.dependentThenIndependent("k", 200, 100, TestData.T0, 5)) {
            lines.add(o.json());
        }
        lines.add("{\"key\":\"k\",\"time\":");   // line 301: cut short
        events = Files.write(dir.resolve("events.jsonl"), lines);
        CliRun plain = witness("replay", "-c", cfg.toString(), "-i", events.toString());
        assertThat(plain.exit()).isZero();
        expected = plain.out();
        assertThat(expected).contains("\"state\":\"OPEN\"");
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(data);
        }
        return b.toByteArray();
    }

    @Test
    void dashReadsStandardInputAndWritesStandardOutput() throws IOException {
        CliRun r = witnessWithStdin(Files.readAllBytes(events), "replay", "-c", cfg.toString(), "-i", "-", "-o", "-");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(expected);
        assertThat(r.errLines()).anySatisfy(l -> assertThat(l).startsWith("witness: replayed 301 records"));
    }

    @Test
    void gzipIsRecognisedByItsMagicBytesWhateverTheName() throws IOException {
        byte[] z = gzip(Files.readAllBytes(events));
        Path gz = Files.write(dir.resolve("events.jsonl.gz"), z);
        Path disguised = Files.write(dir.resolve("events-copy.jsonl"), z);

        assertThat(witness("replay", "-c", cfg.toString(), "-i", gz.toString()).out()).isEqualTo(expected);
        assertThat(witness("replay", "-c", cfg.toString(), "-i", disguised.toString()).out()).isEqualTo(expected);
        assertThat(witnessWithStdin(z, "replay", "-c", cfg.toString(), "-i", "-").out()).isEqualTo(expected);
    }

    @Test
    void csvFromStandardInputIsRecognisedByContent() throws IOException {
        StringBuilder csv = new StringBuilder("time,key,x,y\n");
        StringBuilder jsonl = new StringBuilder();
        for (Obs o : TestData.dependentThenIndependent("k", 200, 100, TestData.T0, 5)) {
            csv.append(o.csv()).append('\n');
            jsonl.append(o.json()).append('\n');
        }
        Path j = Files.writeString(dir.resolve("same.jsonl"), jsonl);

        CliRun fromCsv = witnessWithStdin(csv.toString().getBytes(StandardCharsets.UTF_8), "replay", "-c", cfg.toString(), "-i", "-");

        assertThat(fromCsv.exit()).isZero();
        assertThat(fromCsv.out()).isEqualTo(witness("replay", "-c", cfg.toString(), "-i", j.toString()).out());
    }

    @Test
    void aDamagedGzipIsOneLine() throws IOException {
        byte[] z = gzip(Files.readAllBytes(events));
        Path cut = Files.write(dir.resolve("cut.jsonl.gz"), Arrays.copyOf(z, z.length / 2));

        CliRun r = witness("replay", "-c", cfg.toString(), "-i", cut.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("witness: " + cut + ": the gzip stream is damaged or cut short");
    }

    @Test
    void progressLinesGoToStandardErrorWhenAskedFor() throws IOException {
        CliRun on = witness("replay", "-c", cfg.toString(), "-i", events.toString(), "--progress", "--progress-every", "1ms");
        CliRun off = witness("replay", "-c", cfg.toString(), "-i", events.toString(), "--no-progress");

        assertThat(on.out()).isEqualTo(expected);
        assertThat(on.errLines()).filteredOn(l -> l.startsWith("witness: replay: ")).isNotEmpty()
                .allSatisfy(l -> assertThat(l).matches("witness: replay: \\d+ records \\(\\d+/s\\), \\d+ dead letters, "
                        + "\\d+% of 0\\.\\d MB, ETA .*"));
        assertThat(off.errLines()).noneMatch(l -> l.startsWith("witness: replay: "));
        assertThat(witness("replay", "-c", cfg.toString(), "-i", events.toString()).errLines())
                .as("no terminal in a test: no progress by default").noneMatch(l -> l.startsWith("witness: replay: "));
    }

    @Test
    void deadLetterFractionAndUnusableInputsFailWithExitCode3() throws IOException {
        // 1 dead letter in 301 records
        assertThat(witness("replay", "-c", cfg.toString(), "-i", events.toString(), "--max-dead-letter-fraction", "0.01")
                .exit()).isZero();
        CliRun strict = witness("replay", "-c", cfg.toString(), "-i", events.toString(), "--max-dead-letter-fraction", "0.001");
        assertThat(strict.exit()).isEqualTo(3);
        assertThat(strict.errLines()).contains("witness: 0.003322 of the records gave a dead letter, more than "
                + "--max-dead-letter-fraction 0.001");

        Path garbage = Files.write(dir.resolve("garbage.jsonl"), List.of("not json", "{}", "[1,2]"));
        CliRun none = witness("replay", "-c", cfg.toString(), "-i", garbage.toString());
        assertThat(none.exit()).as("an input without one usable record is always an error").isEqualTo(3);
        assertThat(none.errLines()).contains("witness: no record of " + garbage + " was usable (every one gave a dead letter)");

        CliRun empty = witnessWithStdin(new byte[0], "replay", "-c", cfg.toString(), "-i", "-");
        assertThat(empty.exit()).isEqualTo(3);
        assertThat(empty.errLines()).contains("witness: - holds no records");

        assertThat(witness("replay", "-c", cfg.toString(), "-i", events.toString(), "--max-dead-letter-fraction", "2")
                .errLines()).containsExactly("witness: --max-dead-letter-fraction must be between 0 and 1, got 2.0");
    }

    @Test
    void alertsOnlyWritesTheAlertsAndNothingElse() {
        CliRun r = witness("replay", "-c", cfg.toString(), "-i", events.toString(), "--alerts-only");

        List<String> alerts = expected.lines().filter(l -> l.contains("\"state\":")).toList();
        assertThat(alerts).isNotEmpty();
        assertThat(r.out().lines().toList()).isEqualTo(alerts);
    }

    @Test
    void errorTextsNameTheLineAndTheProblemWithoutParserInternals() throws IOException {
        Path dead = dir.resolve("dead.jsonl");
        CliRun r = witness("replay", "-c", cfg.toString(), "-i", events.toString(), "--dead-letters", dead.toString());

        String text = Files.readString(dead);
        assertThat(text).contains("\"offset\":301").contains("not valid JSON: Unexpected end-of-input")
                .doesNotContain("Source").doesNotContain("REDACTED").doesNotContain("StreamReadFeature");
        assertThat(r.errLines()).anySatisfy(l -> assertThat(l).contains("the first at line 301: MALFORMED not valid JSON: ")
                .doesNotContain("REDACTED"));
    }

    @Test
    void versionIsTheMavenProjectVersion() {
        CliRun r = witness("--version");

        assertThat(r.exit()).isZero();
        assertThat(r.out().strip().lines().findFirst()).hasValueSatisfying(
                first -> assertThat(first).matches("witness \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"));
    }

    @Test
    void helpIsWrappedOnceByPicocli() {
        String old = System.getProperty("picocli.usage.width");
        try {
            System.setProperty("picocli.usage.width", "200");
            CliRun wide = witness("replay", "--help");
            assertThat(wide.out()).contains("Backtest the monitors on a file of events, without Kafka or Flink. Input: "
                    + "JSON lines (one Event per line) or CSV");
            System.setProperty("picocli.usage.width", "80");
            for (String command : List.of("replay", "run", "demo", "bench")) {
                assertThat(witness(command, "--help").out().lines()).as(command).allMatch(l -> l.length() <= 80);
            }
        } finally {
            if (old == null) {
                System.clearProperty("picocli.usage.width");
            } else {
                System.setProperty("picocli.usage.width", old);
            }
        }
    }
}
