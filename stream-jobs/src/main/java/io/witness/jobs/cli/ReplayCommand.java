package io.witness.jobs.cli;

import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.replay.ReplayRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Backtest the monitors on a file of events, without Kafka or Flink.",
                "Input: JSONL (one Event per line) or CSV with a header time,key,<field>,... (by the .csv extension).",
                "Runs the same monitor code as the streaming job and writes every Evidence and Alert as JSON lines.",
                "With --scores: per-event anomaly scores for metric series. --input is a CSV (header timestamp,value;",
                "the file name is the series key) or a folder of them; --output is a folder that receives each file with",
                "anomaly_score, alarm and surprise (-log10 p) columns appended. The method is kernel-forecast with its defaults, or the",
                "monitor of --config (--monitor picks one)."})
public final class ReplayCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "The monitors YAML file (required without --scores).")
    Path config;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE", description = "Events: .jsonl or .csv (--scores: a CSV or a folder).")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Evidence and alerts (JSONL); default stdout. With --scores: the output folder (required).")
    Path output;

    @Option(names = "--scores", description = "Write per-event anomaly scores next to each CSV row (see above).")
    boolean scores;

    @Option(names = "--monitor", paramLabel = "ID", description = "With --scores and --config: the monitor to use (default: the only one).")
    String monitor;

    @Mixin
    BackendOption backendOption;

    @Option(names = "--dead-letters", paramLabel = "FILE", description = "Write dead letters (JSONL) here; default: count only.")
    Path deadLetters;

    @Override
    public Integer call() throws IOException {
        if (scores) {
            return ScoresCommand.run(config, monitor, input, output);
        }
        if (config == null) {
            throw new WitnessCli.UserError("--config is required (except with --scores)");
        }
        WitnessConfig c = backendOption.apply(ConfigLoader.load(config));
        if (!Files.isReadable(input)) {
            throw new WitnessCli.UserError("input file " + input + " does not exist or is not readable");
        }
        ReplayRunner.Result r;
        try {
            r = replay(c);
        } catch (NoSuchFileException e) {
            throw new WitnessCli.UserError("cannot open " + e.getFile() + ": no such file or folder");
        } catch (FileSystemException e) {
            throw new WitnessCli.UserError("cannot open " + e.getFile() + (e.getReason() == null ? "" : ": " + e.getReason()));
        }
        System.err.println("witness: " + r.summary());
        return 0;
    }

    private ReplayRunner.Result replay(WitnessConfig c) throws IOException {
        ReplayRunner.Result r;
        try (OutputStream out = output == null ? new NonClosing(System.out) : new BufferedOutputStream(Files.newOutputStream(output), 1 << 16);
             OutputStream dead = deadLetters == null ? null : new BufferedOutputStream(Files.newOutputStream(deadLetters), 1 << 16)) {
            OutputStream buffered = output == null ? new BufferedOutputStream(out, 1 << 16) : out;
            try {
                r = new ReplayRunner(c).run(input, buffered, dead);
            } catch (IllegalArgumentException e) {
                throw new WitnessCli.UserError(input + ": " + e.getMessage());
            }
            buffered.flush();
        }
        return r;
    }

    /** stdout must stay open for the summary line. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
