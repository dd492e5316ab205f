package io.witness.jobs.replay;

import io.witness.jobs.codec.RecordJson;
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
import io.witness.schemas.Alert;
import io.witness.schemas.DeadLetter;
import io.witness.schemas.DeadLetterReason;
import io.witness.schemas.Event;
import io.witness.schemas.Evidence;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    private final MonitorBatch.StateStore store = new MonitorBatch.StateStore() {
        @Override
        public KeyedState read(String routingKey, KeyedMonitorProcessor p) {
            return states.get(routingKey);
        }

        @Override
        public void write(String routingKey, KeyedState state, KeyedMonitorProcessor p) {
            states.put(routingKey, state);
        }
    };

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

        public long deadLetterTotal() {
            return deadLetters.values().stream().mapToLong(Long::longValue).sum();
        }

        public String summary() {
            double s = nanos / 1e9;
            return String.format(Locale.ROOT, "replayed %d records in %.2f s (%.0f records/s): %d evidence, %d alerts, "
                            + "%d dead letters %s", lines, s, lines / Math.max(s, 1e-9), evidence, alerts,
                    deadLetterTotal(), deadLetters.isEmpty() ? "" : deadLetters.toString());
        }
    }

    /**
     * @param input       JSONL (one Event per line) or CSV (header time,key,...) — by the .csv extension
     * @param out         where Evidence and Alert JSON lines go
     * @param deadLetters where DeadLetter JSON lines go, or null to count them only
     */
    public Result run(Path input, OutputStream out, OutputStream deadLetters) throws IOException {
        Result r = new Result();
        boolean csv = input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        String origin = input.getFileName().toString();
        InputRouter router = new InputRouter(config, true);
        OutputSink sink = new OutputSink() {
            @Override
            public void evidence(String topic, Evidence e) {
                r.evidence++;
                write(out, RecordJson.evidence(e));
            }

            @Override
            public void alert(String topic, Alert a) {
                r.alerts++;
                write(out, RecordJson.alert(a));
            }

            @Override
            public void deadLetter(String topic, DeadLetter d) {
                r.deadLetters.merge(d.getReason(), 1L, Long::sum);
                if (deadLetters != null) {
                    write(deadLetters, RecordJson.deadLetter(d));
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
        // lines are read as bytes: a line that is not UTF-8 is a MALFORMED record, not the end of the replay
        try (InputStream reader = new BufferedInputStream(Files.newInputStream(input), 1 << 16)) {
            skipByteOrderMark(reader);
            CsvEvents csvEvents = null;
            byte[] line;
            long lineNo = 0;
            while ((line = readLine(reader)) != null) {
                lineNo++;
                if (csv && csvEvents == null) {
                    try {
                        csvEvents = new CsvEvents(utf8(line));
                    } catch (BadRecord bad) {
                        throw new IllegalArgumentException("CSV header is not valid UTF-8");
                    }
                    continue;
                }
                if (isBlank(line)) {
                    continue;
                }
                r.lines++;
                RawRecord raw = new RawRecord(origin, 0, lineNo, line);
                if (csv) {
                    try {
                        Event e = csvEvents.parse(utf8(line));
                        router.routeEvent(e, raw, in -> process(in, sink), ordered);
                    } catch (BadRecord bad) {
                        ordered.deadLetter(null, DeadLetters.of(origin, 0, lineNo, raw.value, bad.reason(),
                                bad.getMessage(), null, bad.key()));
                    }
                } else {
                    router.route(raw, in -> process(in, sink), ordered);
                }
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

    /** The next line without its terminator (\n, \r\n or \r), or null at the end of the input. */
    static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            if (b == '\r') {
                in.mark(1);
                if (in.read() != '\n') {
                    in.reset();
                }
                break;
            }
            line.write(b);
            b = in.read();
        }
        return line.toByteArray();
    }

    /** Editors on some systems start UTF-8 files with EF BB BF; it is not part of the first record. */
    static void skipByteOrderMark(InputStream in) throws IOException {
        in.mark(3);
        if (in.read() != 0xEF || in.read() != 0xBB || in.read() != 0xBF) {
            in.reset();
        }
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\f' && b != 0x0B) {
                return false;
            }
        }
        return true;
    }

    private static String utf8(byte[] line) throws BadRecord {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRecord(DeadLetterReason.MALFORMED, "line is not valid UTF-8");
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
