package io.witness.jobs.replay;

import io.witness.jobs.codec.EventDecoder;
import io.witness.jobs.core.BadRecord;
import io.witness.operators.files.CsvException;
import io.witness.operators.files.CsvRecords;
import io.witness.operators.files.LineReader;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.monitor.PerEventScore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code witness replay --scores}: per-event anomaly scores for metric series in CSV files. Each input
 * CSV holds one series (the file name without {@code .csv} is its key) with a header containing
 * {@code timestamp} and {@code value} (other columns are kept and ignored). Each output CSV repeats
 * the input rows verbatim and appends the {@link ScoreColumns}: {@code anomaly_score} (in [0, 1]; empty
 * when the row was not scored), {@code alarm} (0/1) and {@code surprise} (−log10 of the row's p-value, see
 * {@link PerEventScore#lastSurprise()}; empty where the method has none). A folder in gives a folder out
 * with the same relative paths.
 *
 * <p>Works with any method whose models implement {@link PerEventScore} (one input field). Rows that
 * cannot be used get an empty score and alarm 0, never stop the run, and are counted by reason:
 * <ul>
 * <li>{@code MALFORMED}: wrong number of cells, a timestamp that is neither epoch ms nor ISO-8601
 * ({@code 2024-01-01T00:00:00Z}, with an offset, or {@code 2024-01-01 00:00:00} read as UTC), a value
 * that is not a number, or a line that is not UTF-8;</li>
 * <li>{@code MISSING_FIELD}: an empty timestamp or value;</li>
 * <li>{@code NOT_FINITE}: NaN or ±Infinity;</li>
 * <li>{@code OUT_OF_ORDER}: a timestamp not after the previous used row of the file (duplicates
 * included; the first row for a timestamp wins).</li>
 * </ul>
 * Rows the model consumed but did not score (warm-up, refilling after a gap) also have an empty score;
 * they are counted as {@code not scored}. One log line per file and reason gives the count and the
 * first line number.
 */
public final class ScoreReplay {
    private static final Logger LOG = LoggerFactory.getLogger(ScoreReplay.class);

    private final MonitorFactory factory;

    public ScoreReplay(MonitorFactory factory) {
        if (factory.dimension() != 1) {
            throw new IllegalArgumentException("replay --scores needs a monitor with exactly one input field, "
                    + "this one has " + factory.dimension());
        }
        if (!(factory.create() instanceof PerEventScore)) {
            throw new IllegalArgumentException("method '" + factory.method() + "' gives no per-event scores");
        }
        this.factory = factory;
    }

    /** Counts of one run. */
    public static final class Result {
        public long files;
        public long rows;
        public long scored;
        public long notScored;
        public long alarmRows;
        public final Map<String, Long> badRows = new TreeMap<>();
        public long nanos;

        public long badRowTotal() {
            return badRows.values().stream().mapToLong(Long::longValue).sum();
        }

        public String summary() {
            double s = nanos / 1e9;
            return String.format(Locale.ROOT, "scored %d of %d rows in %d files in %.2f s (%.0f rows/s): %d rows in "
                            + "alarm, %d not scored (warm-up or gap), %d unusable %s", scored, rows, files, s,
                    rows / Math.max(s, 1e-9), alarmRows, notScored, badRowTotal(), badRows.isEmpty() ? "" : badRows);
        }
    }

    /** Scores a CSV file, or every {@code .csv} under a folder, into the folder {@code output}. */
    public Result run(Path input, Path output) throws IOException {
        Result r = new Result();
        long start = System.nanoTime();
        if (Files.isDirectory(input)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(input)) {
                files = walk.filter(p -> Files.isRegularFile(p)
                        && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")).sorted().toList();
            }
            for (Path f : files) {
                scoreFile(f, output.resolve(input.relativize(f).toString()), r);
            }
        } else {
            scoreFile(input, output.resolve(input.getFileName().toString()), r);
        }
        r.nanos = System.nanoTime() - start;
        return r;
    }

    void scoreFile(Path in, Path out, Result r) throws IOException {
        String name = in.getFileName().toString();
        String key = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Model monitor = factory.create();
        PerEventScore scores = (PerEventScore) monitor;
        Map<String, long[]> bad = new TreeMap<>();   // reason -> {count, first line}
        double[] value = new double[1];
        long previous = Long.MIN_VALUE;
        r.files++;
        try (CsvRecords records = new CsvRecords(new LineReader(Files.newInputStream(in)));
             OutputStream w = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            byte[] record = records.next();
            if (record == null) {
                throw new IllegalArgumentException(in + ": empty file (expected a header timestamp,value)");
            }
            List<String> cols;
            try {
                cols = CsvRecords.cells(record).stream().map(c -> c.trim().toLowerCase(Locale.ROOT)).toList();
            } catch (CsvException e) {
                throw new IllegalArgumentException(in + ": CSV header: " + e.getMessage());
            }
            int timeCol = cols.indexOf("timestamp");
            int valueCol = cols.indexOf("value");
            if (timeCol < 0 || valueCol < 0) {
                throw new IllegalArgumentException(in + ": CSV header must contain 'timestamp' and 'value' columns, got: "
                        + new String(record, StandardCharsets.UTF_8));
            }
            w.write(record);
            w.write(ScoreColumns.header());
            while ((record = records.next()) != null) {
                long lineNo = records.firstLine();
                if (record.length == 0) {
                    continue;
                }
                r.rows++;
                w.write(record);
                String reason = null;
                long time = 0;
                try {
                    if (records.unterminated()) {
                        throw new BadRow("MALFORMED");
                    }
                    List<String> cells = CsvRecords.cells(record);
                    if (cells.size() != cols.size()) {
                        throw new BadRow("MALFORMED");
                    }
                    String t = cells.get(timeCol).trim();
                    String v = cells.get(valueCol).trim();
                    if (t.isEmpty() || v.isEmpty()) {
                        throw new BadRow("MISSING_FIELD");
                    }
                    time = parseTime(t, key);
                    try {
                        value[0] = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw new BadRow("MALFORMED");
                    }
                    if (!Double.isFinite(value[0])) {
                        throw new BadRow("NOT_FINITE");
                    }
                    if (time <= previous) {
                        throw new BadRow("OUT_OF_ORDER");
                    }
                } catch (BadRow b) {
                    reason = b.getMessage();
                } catch (BadRecord | CsvException b) {
                    reason = "MALFORMED";
                }
                if (reason != null) {
                    long[] c = bad.computeIfAbsent(reason, k -> new long[] {0, 0});
                    if (c[0]++ == 0) {
                        c[1] = lineNo;
                    }
                    r.badRows.merge(reason, 1L, Long::sum);
                    w.write(ScoreColumns.unscored());
                    continue;
                }
                previous = time;
                monitor.update(time, value);
                double s = scores.lastScore();
                if (Double.isNaN(s)) {
                    r.notScored++;
                    w.write(ScoreColumns.unscored());
                } else {
                    r.scored++;
                    if (scores.lastAlarm()) {
                        r.alarmRows++;
                    }
                    w.write(ScoreColumns.scored(scores));
                }
            }
        }
        bad.forEach((reason, c) -> LOG.warn("{}: {} rows not scored: {} (first at line {})", in, c[0], reason, c[1]));
    }

    /** Epoch ms or ISO-8601 (as the event decoder), or {@code yyyy-MM-dd HH:mm:ss[.SSS]} taken as UTC. */
    static long parseTime(String t, String key) throws BadRecord {
        try {
            return EventDecoder.parseTime(t, key);
        } catch (BadRecord e) {
            try {
                return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw e;
            }
        }
    }

    /** An unusable row; the message is the reason code. */
    private static final class BadRow extends Exception {
        private static final long serialVersionUID = 1L;

        BadRow(String reason) {
            super(reason, null, false, false);
        }
    }
}
