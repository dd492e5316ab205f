package io.witness.jobs.cli;

import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.replay.ReplayInput;
import io.witness.jobs.replay.ReplayProgress;
import io.witness.jobs.replay.ReplayRunner;
import io.witness.operators.monitor.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Backtest the monitors on a file of events, without Kafka or Flink. Input: JSON lines (one Event "
                + "per line) or CSV with a header time,key,<field>,... (RFC 4180 quoting), from a file or standard input "
                + "(-), gzip-compressed or not. Runs the same monitor code as the streaming job and writes every Evidence "
                + "and Alert as JSON lines (standard output by default). Exit code 0 on success, 2 for a usage, config "
                + "or input error, 3 when no record was usable or more than --max-dead-letter-fraction of them were "
                + "dead letters.",
                "With --scores: per-event anomaly scores for metric series. --input is a CSV (header timestamp,value; "
                        + "the file name is the series key) or a folder of them; --output is a folder that receives each "
                        + "file with anomaly_score, alarm and surprise (-log10 p) columns appended. The method is kernel-forecast with its "
                        + "defaults, or the monitor of --config (--monitor picks one)."})
public final class ReplayCommand implements Callable<Integer> {

    /** Exit code of a replay that ran but whose input was (mostly) unusable. */
    public static final int UNUSABLE_INPUT = 3;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "The monitors YAML file (required without --scores).")
    Path config;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE",
            description = "Events: .jsonl or .csv, optionally .gz, or - for standard input (--scores: a CSV or a folder).")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Evidence and alerts (JSONL); - or no option: standard output. With --scores: the output folder (required).")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "auto, jsonl or csv. auto: by the name (.csv, .jsonl, .json, .ndjson, each also .gz), else by "
                    + "content (a first line starting with { is JSON lines). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--alerts-only", description = "Write only the alerts, not the evidence (both are still counted).")
    boolean alertsOnly;

    @Option(names = "--max-dead-letter-fraction", paramLabel = "F",
            description = "Exit with code 3 when more than this share (0 to 1) of the records gave a dead letter. "
                    + "Without it only an input in which no record is usable fails.")
    Double maxDeadLetterFraction;

    @Option(names = "--progress", negatable = true,
            description = "A progress line on standard error every --progress-every (records/s, dead letters, share "
                    + "read and ETA when the size is known). Default: on when the JVM runs on an interactive terminal.")
    Boolean progress;

    @Option(names = "--progress-every", paramLabel = "DURATION", defaultValue = "5s",
            description = "The interval of the progress line. Default: ${DEFAULT-VALUE}.")
    String progressEvery;

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
        ReplayInput.Format f = format();
        ReplayRunner.Options options = new ReplayRunner.Options(alertsOnly, progress() ? new ReplayProgress(System.err,
                millis(progressEvery)) : null);
        if (maxDeadLetterFraction != null && !(maxDeadLetterFraction >= 0 && maxDeadLetterFraction <= 1)) {
            throw new WitnessCli.UserError("--max-dead-letter-fraction must be between 0 and 1, got " + maxDeadLetterFraction);
        }
        WitnessConfig c = backendOption.apply(ConfigLoader.load(config));
        boolean stdin = ReplayInput.STDIN.equals(input.toString());
        if (!stdin && !Files.isReadable(input)) {
            throw new WitnessCli.UserError("input file " + input + " does not exist or is not readable");
        }
        ReplayRunner.Result r;
        try {
            r = replay(c, f, options);
        } catch (NoSuchFileException e) {
            throw new WitnessCli.UserError("cannot open " + e.getFile() + ": no such file or folder");
        } catch (FileSystemException e) {
            throw new WitnessCli.UserError("cannot open " + e.getFile() + (e.getReason() == null ? "" : ": " + e.getReason()));
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new WitnessCli.UserError(input + ": the gzip stream is damaged or cut short");
        }
        System.err.println("witness: " + r.summary());
        if (r.lines == 0) {
            System.err.println("witness: " + input + " holds no records");
            return UNUSABLE_INPUT;
        }
        if (r.deadLetteredRecords == r.lines) {
            System.err.println("witness: no record of " + input + " was usable (every one gave a dead letter)");
            return UNUSABLE_INPUT;
        }
        if (maxDeadLetterFraction != null && r.deadLetterFraction() > maxDeadLetterFraction) {
            System.err.printf(Locale.ROOT, "witness: %.4g of the records gave a dead letter, more than "
                    + "--max-dead-letter-fraction %s%n", r.deadLetterFraction(), maxDeadLetterFraction);
            return UNUSABLE_INPUT;
        }
        return 0;
    }

    private ReplayInput.Format format() {
        try {
            return ReplayInput.Format.valueOf(format.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new WitnessCli.UserError("--format must be auto, jsonl or csv, got '" + format + "'");
        }
    }

    private boolean progress() {
        // System.console() is non-null only on an interactive terminal: no progress noise in pipes, CI or logs
        return progress != null ? progress : System.console() != null;
    }

    private static long millis(String duration) {
        try {
            return Durations.parse(duration).toMillis();
        } catch (IllegalArgumentException e) {
            throw new WitnessCli.UserError("--progress-every: " + e.getMessage());
        }
    }

    private ReplayRunner.Result replay(WitnessConfig c, ReplayInput.Format f, ReplayRunner.Options options) throws IOException {
        boolean toStdout = output == null || ReplayInput.STDIN.equals(output.toString());
        try (ReplayInput in = ReplayInput.open(input, f, System.in);
             OutputStream out = toStdout ? new NonClosing(System.out) : new BufferedOutputStream(Files.newOutputStream(output), 1 << 16);
             OutputStream dead = deadLetters == null ? null : new BufferedOutputStream(Files.newOutputStream(deadLetters), 1 << 16)) {
            OutputStream buffered = toStdout ? new BufferedOutputStream(out, 1 << 16) : out;
            ReplayRunner.Result r;
            try {
                r = new ReplayRunner(c).run(in, buffered, dead, options);
            } catch (IllegalArgumentException e) {
                throw new WitnessCli.UserError(input + ": " + e.getMessage());
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            buffered.flush();
            return r;
        }
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
