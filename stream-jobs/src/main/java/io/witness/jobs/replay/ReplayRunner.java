package io.witness.jobs.replay;

import io.witness.jobs.codec.AvroJson;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.core.Backends;
import io.witness.jobs.core.BadRecord;
import io.witness.jobs.core.BoundMonitor;
import io.witness.jobs.core.DeadLetters;
import io.witness.jobs.core.InputRouter;
import io.witness.jobs.core.KeyedMonitorProcessor;
import io.witness.jobs.core.KeyedState;
import io.witness.jobs.core.MonitorBatch;
import io.witness.jobs.core.MonitorInput;
import io.witness.jobs.core.OutputSink;
import io.witness.jobs.core.RawRecord;
import io.witness.operators.files.CsvException;
import io.witness.operators.files.CsvRecords;
import io.witness.operators.files.LineReader;
import io.witness.schemas.Alert;
import io.witness.schemas.DeadLetter;
import io.witness.schemas.DeadLetterReason;
import io.witness.schemas.Event;
import io.witness.schemas.Evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Backtest on a file, without a broker or a Flink cluster: every line goes through the same
 * {@link InputRouter} and {@link KeyedMonitorProcessor} as in the streaming job, in file order, with
 * per-(monitor, key) state kept in memory. Every monitor reads every line (topics do not exist here).
 * Writes each Evidence and Alert as one JSON line, in the order they are produced.
 */
public final class ReplayRunner {
    private final WitnessConfig config;
    private final Map<String, KeyedMonitorProcessor> processors = new HashMap<>();
    private final Map<String, KeyedState> states = new HashMap<>();
    private final int batchItems;
    private final MonitorBatch batch;
    private final MonitorBatch.StateStore store = MonitorBatch.inMemory(states);

    public ReplayRunner(WitnessConfig config) {
        this.config = config;
        BoundMonitor.bindAll(config).forEach((id, b) -> processors.put(id, new KeyedMonitorProcessor(b, config.job())));
        // Observations are batched as in the streaming job (job.batch.max-items; a file has no clock, so no
        // max-delay), with the same compute backend; the outputs are the same, in the same order.
        batchItems = config.job().compute().batchMaxItems();
        batch = new MonitorBatch(processors, batchItems == 1 ? p -> null : Backends.forJob(config.job().compute()),
                config.job().compute().precision());
    }

    /** Counts of what a replay did. */
    public static final class Result {
        public long lines;
        public long evidence;
        public long alerts;
        public final Map<io.witness.schemas.DeadLetterReason, Long> deadLetters =
                new EnumMap<>(io.witness.schemas.DeadLetterReason.class);
        public long nanos;
        /** Where the first dead letter came from and why ({@code line 12: MALFORMED not valid JSON: …}), or null. */
        public String firstDeadLetter;
        /** Records that gave at least one dead letter (a record read by two monitors may give two). */
        public long deadLetteredRecords;
        private long lastDeadLetteredRecord = -1;

        /** The share of records that gave a dead letter (0 for an empty input). */
        public double deadLetterFraction() {
            return lines == 0 ? 0 : (double) deadLetteredRecords / lines;
        }

        public long deadLetterTotal() {
            return deadLetters.values().stream().mapToLong(Long::longValue).sum();
        }

        public String summary() {
            double s = nanos / 1e9;
            return String.format(Locale.ROOT, "replayed %d records in %.2f s (%.0f records/s): %d evidence, %d alerts, "
                            + "%d dead letters %s", lines, s, lines / Math.max(s, 1e-9), evidence, alerts,
                    deadLetterTotal(), deadLetters.isEmpty() ? "" : deadLetters + ", the first at " + firstDeadLetter);
        }
    }

    /** What to write and report besides the counts. */
    public record Options(boolean alertsOnly, ReplayProgress progress) {
        public static final Options DEFAULT = new Options(false, null);
    }

    /**
     * @param input       JSONL (one Event per line) or CSV (header time,key,...) — by the .csv extension,
     *                    else by content; gzip by its magic bytes
     * @param out         where Evidence and Alert JSON lines go
     * @param deadLetters where DeadLetter JSON lines go, or null to count them only
     */
    public Result run(Path input, OutputStream out, OutputStream deadLetters) throws IOException {
        try (ReplayInput in = ReplayInput.open(input, ReplayInput.Format.AUTO, InputStream.nullInputStream())) {
            return run(in, out, deadLetters, Options.DEFAULT);
        }
    }

    public Result run(ReplayInput input, OutputStream out, OutputStream deadLetters, Options options) throws IOException {
        Result r = new Result();
        boolean csv = input.format() == ReplayInput.Format.CSV;
        String origin = input.origin();
        InputRouter router = new InputRouter(config, true);
        OutputSink sink = new OutputSink() {
            @Override
            public void evidence(String topic, Evidence e) {
                r.evidence++;
                if (!options.alertsOnly()) {
                    write(out, AvroJson.write(e));
                }
            }

            @Override
            public void alert(String topic, Alert a) {
                r.alerts++;
                write(out, AvroJson.write(a));
            }

            @Override
            public void deadLetter(String topic, DeadLetter d) {
                r.deadLetters.merge(d.getReason(), 1L, Long::sum);
                if (r.firstDeadLetter == null) {
                    r.firstDeadLetter = "line " + d.getOffset() + ": " + d.getReason() + " " + d.getReasonText();
                }
                // outputs come in record order: a record's dead letters (one per monitor) are consecutive
                if (d.getOffset() != r.lastDeadLetteredRecord) {
                    r.lastDeadLetteredRecord = d.getOffset();
                    r.deadLetteredRecords++;
                }
                if (deadLetters != null) {
                    write(deadLetters, AvroJson.write(d));
                }
            }
        };
        // a dead letter of decoding keeps its place after the outputs of the observations still buffered
        OutputSink ordered = new OutputSink() {
            @Override
            public void evidence(String topic, Evidence e) {
                sink.evidence(topic, e);
            }

            @Override
            public void alert(String topic, Alert a) {
                sink.alert(topic, a);
            }

            @Override
            public void deadLetter(String topic, DeadLetter d) {
                if (batch.isEmpty()) {
                    sink.deadLetter(topic, d);
                } else {
                    batch.addDeadLetter(topic, d, 0L);
                }
            }
        };
        long start = System.nanoTime();
        // records are read as bytes: one that is not UTF-8 is a MALFORMED record, not the end of the replay
        LineReader lines = new LineReader(input.body());
        CsvRecords records = csv ? new CsvRecords(lines) : null;
        CsvEvents csvEvents = null;
        byte[] record;
        while ((record = csv ? records.next() : lines.next()) != null) {
            long lineNo = csv ? records.firstLine() : lines.lineNumber();
            if (csv && csvEvents == null) {
                try {
                    csvEvents = new CsvEvents(CsvRecords.utf8(record));
                } catch (CsvException bad) {
                    throw new IllegalArgumentException("CSV header is not valid UTF-8");
                }
                continue;
            }
            if (LineReader.isBlank(record)) {
                continue;
            }
            r.lines++;
            RawRecord raw = new RawRecord(origin, 0, lineNo, record);
            if (csv) {
                try {
                    if (records.unterminated()) {
                        throw new BadRecord(DeadLetterReason.MALFORMED, "a quoted cell opened on this line is not closed");
                    }
                    Event e = csvEvents.parse(record);
                    router.routeEvent(e, raw, in -> process(in, sink), ordered);
                } catch (BadRecord bad) {
                    ordered.deadLetter(null, DeadLetters.of(origin, 0, lineNo, raw.value, bad.reason(),
                            bad.getMessage(), null, bad.key()));
                }
            } else {
                router.route(raw, in -> process(in, sink), ordered);
            }
            if (options.progress() != null) {
                options.progress().tick(r, input);
            }
        }
        flush(sink);
        r.nanos = System.nanoTime() - start;
        out.flush();
        return r;
    }

    private void process(MonitorInput in, OutputSink sink) {
        try {
            if (batchItems == 1) {
                batch.processNow(in, store, sink);
                return;
            }
            batch.add(in, 0L);
            if (batch.size() >= batchItems) {
                flush(sink);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);   // the in-memory store throws nothing checked
        }
    }

    private void flush(OutputSink sink) {
        try {
            batch.flush(store, tag -> sink);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Per-(monitor, key) states after the run (for state-size reports). */
    public Map<String, KeyedState> states() {
        return states;
    }

    private static void write(OutputStream out, byte[] json) {
        try {
            out.write(json);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
