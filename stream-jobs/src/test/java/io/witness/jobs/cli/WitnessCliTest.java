package io.witness.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.replay.ReplayRunner;
import io.witness.jobs.support.TestData;
import io.witness.jobs.support.TestData.Obs;

/** The witness command line, through {@link WitnessCli#execute} (what main calls, minus System.exit). */
class WitnessCliTest {

    @TempDir
    Path dir;

    private static CliRun witness(String... args) {
        return CliRun.witness(args);
    }

    private Path config(String alpha) throws IOException {
        return Files.writeString(dir.resolve("monitors-" + alpha + ".yaml"), "monitors:\n"
                + TestData.skitMonitor("m1", "t", 40, "60s").replace("alpha: 0.05", "alpha: " + alpha));
    }

    private Path events() throws IOException {
        List<String> lines = new ArrayList<>();
        for (Obs o : TestData.dependentThenIndependent("k", 200, 100, TestData.T0, 5)) {
            lines.add(o.json());
        }
        lines.add("not json");
        return Files.write(dir.resolve("events.jsonl"), lines);
    }

    @ParameterizedTest(name = "witness {0} --help")
    @ValueSource(strings = {"", "demo", "run", "replay", "bench"})
    void everyCommandHasHelp(String command) {
        CliRun r = command.isEmpty() ? witness("--help") : witness(command, "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Usage: witness" + (command.isEmpty() ? "" : " " + command));
        assertThat(r.err()).isEmpty();
    }

    @Test
    void helpCommandAndNoArgumentsPrintUsage() {
        CliRun help = witness("help", "replay");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: witness replay").contains("--config", "--input", "--output");

        CliRun none = witness();
        assertThat(none.exit()).isZero();
        assertThat(none.out()).startsWith("Usage: witness").contains("demo", "run", "replay");
    }

    @Test
    void versionIsPrinted() {
        CliRun r = witness("--version");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("witness ");
    }

    @Test
    void replayWritesTheSameOutputAsTheRunnerAndASummaryLine() throws IOException {
        Path cfg = config("0.05");
        Path in = events();
        Path out = dir.resolve("out.jsonl");
        Path dead = dir.resolve("dead.jsonl");

        CliRun r = witness("replay", "--config", cfg.toString(), "--input", in.toString(), "--output", out.toString(),
                "--dead-letters", dead.toString());

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ReplayRunner.Result counts = new ReplayRunner(ConfigLoader.load(cfg)).run(in, expected, null);
        assertThat(r.exit()).isZero();
        assertThat(Files.readAllBytes(out)).isNotEmpty().isEqualTo(expected.toByteArray());
        assertThat(Files.readString(dead)).contains("\"reason\":\"MALFORMED\"").contains("\"offset\":301");
        // besides log lines (the rate-limited dead-letter warning), exactly one summary line
        assertThat(r.errLines()).filteredOn(l -> l.startsWith("witness: ")).singleElement()
                .satisfies(l -> assertThat(l).startsWith("witness: replayed 301 records in ")
                        .contains(counts.evidence + " evidence, " + counts.alerts + " alerts, 1 dead letters {MALFORMED=1}"));
        assertThat(r.out()).isEmpty();
    }

    @Test
    void replayWithoutOutputWritesToStdout() throws IOException {
        Path cfg = config("0.05");
        Path in = events();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        new ReplayRunner(ConfigLoader.load(cfg)).run(in, expected, null);

        CliRun r = witness("replay", "-c", cfg.toString(), "-i", in.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isNotEmpty().isEqualTo(expected.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badConfigIsOneLineOnStderrAndExitCode2() throws IOException {
        Path cfg = config("1.5");
        Path in = events();

        CliRun r = witness("replay", "--config", cfg.toString(), "--input", in.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("witness: monitor 'm1': field 'alpha': must be in (0, 1), got 1.5");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void runReportsABadConfigTheSameWayBeforeStartingAnything() throws IOException {
        CliRun r = witness("run", "--config", config("0").toString(), "--data-dir", dir.resolve("data").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("witness: monitor 'm1': field 'alpha': must be in (0, 1), got 0.0");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void missingConfigFileIsOneLine() throws IOException {
        Path missing = dir.resolve("nope.yaml");

        CliRun r = witness("replay", "--config", missing.toString(), "--input", events().toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("witness: config file " + missing + " does not exist");
    }

    @Test
    void missingInputFileIsOneLine() throws IOException {
        Path missing = dir.resolve("nope.jsonl");
        Path out = dir.resolve("out.jsonl");

        CliRun r = witness("replay", "--config", config("0.05").toString(), "--input", missing.toString(),
                "--output", out.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("witness: input file " + missing + " does not exist or is not readable");
        assertThat(out).doesNotExist();
    }

    @Test
    void csvWithoutTheRequiredColumnsIsOneLine() throws IOException {
        Path in = Files.write(dir.resolve("events.csv"), List.of("ts,key,x,y", "1,a,1,2"));

        CliRun r = witness("replay", "--config", config("0.05").toString(), "--input", in.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly(
                "witness: " + in + ": CSV header must contain 'time' and 'key' columns, got: ts,key,x,y");
    }

    @Test
    void missingRequiredOptionIsAUsageError() throws IOException {
        CliRun r = witness("replay", "--config", config("0.05").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("Missing required option: '--input=FILE'");
    }

    @Test
    void unwritableOutputIsOneLine() throws IOException {
        Path out = dir.resolve("no-such-folder").resolve("out.jsonl");

        CliRun r = witness("replay", "--config", config("0.05").toString(), "--input", events().toString(),
                "--output", out.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("witness: cannot open " + out + ": no such file or folder");
    }
}
