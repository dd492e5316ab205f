package io.witness.jobs.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the monitor operator's thread spent a bench window, from the JFR execution samples that
 * {@code witness bench --profile} records: the question of issue 17 ("the method's own arithmetic, or
 * state access?") answered by the same rules for every monitor, instead of by reading flame graphs.
 *
 * <p>Each sample of a thread whose name starts with {@value #OPERATOR_THREAD} (the monitor operator's
 * task, {@code WitnessJob.pipeline}) is given to one {@link Part}. State access and evidence out claim
 * everything beneath them: a sample with a keyed-state cache, state envelope or state backend frame
 * anywhere on its stack is state access (a model's own {@code toBytes}/{@code fromBytes} included,
 * since the issue counts the codec as state access), else one with an evidence-encoding or record-emitting
 * frame is evidence out. The rest is walked from the leaf towards the root, and the first frame of the
 * method, the input or the metrics decides; none of them is the pipeline. Frames of the JDK and of
 * libraries (Jackson, Avro, the Prometheus client) claim nothing, so their time goes to the code that
 * called them: a sort inside the median heuristic is the method's, a {@code HashMap} probe inside the
 * keyed-state cache is state access, a double formatted by Jackson for an evidence record is evidence
 * out. Shares are of the thread's samples (its busy time, not wall time).
 */
final class ProfileSummary {

    /** The monitor operator's task name starts so; its threads are named after it. */
    static final String OPERATOR_THREAD = "monitors";

    /**
     * What a sample's time is spent on. {@code PrewarmedFactory} (a key's first model, restored from a
     * template's bytes) is state access too; JFR tends to attribute a stall on a cold key's model to the
     * inlined frames of that path, the first code to touch the model in a batch.
     */
    enum Part {
        /** The methods themselves (operators/: update, score, step and its explanation). */
        METHOD("method", "io.witness.operators."),
        /** The keyed-state cache, the state envelope and its codec, RocksDB, Flink's state backend. */
        STATE("state access", "io.witness.jobs.core.StateCache", "io.witness.jobs.core.KeyedState",
                "io.witness.operators.monitor.StateInput", "io.witness.operators.monitor.StateOutput",
                "io.witness.jobs.bench.PrewarmedFactory", "org.rocksdb.",
                "org.apache.flink.state.rocksdb.", "org.apache.flink.contrib.streaming.state.",
                "org.apache.flink.runtime.state."),
        /** Evidence, alert and dead-letter records: JSON encoding and their emission into Flink. */
        EVIDENCE("evidence out", "io.witness.jobs.codec.AvroJson", "io.witness.jobs.codec.ExplanationAvro",
                "io.witness.jobs.flink.CollectingSink", "io.witness.jobs.flink.MonitorOperator.emit",
                "org.apache.flink.runtime.io.network.api.writer.", "org.apache.flink.streaming.runtime.io.RecordWriterOutput"),
        /** Records arriving from the keyBy: Flink's network deserialisation. */
        INPUT("input", "org.apache.flink.runtime.io.network.api.serialization.",
                "org.apache.flink.runtime.plugable."),
        /** Prometheus metrics of the monitor processor. */
        METRICS("metrics", "io.witness.jobs.metrics.", "io.prometheus."),
        /** Everything else: the operator's own routing, batching and validation, Flink's task loop. */
        PIPELINE("pipeline");

        final String label;
        private final List<String> prefixes;

        Part(String label, String... prefixes) {
            this.label = label;
            this.prefixes = List.of(prefixes);
        }

        boolean claims(String frame) {
            for (String p : prefixes) {
                if (frame.startsWith(p)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final int samples;
    private final Map<Part, Integer> parts;
    /** Per method frame (the leaf-most {@code io.witness.operators} frame), samples. */
    private final Map<String, Integer> methodFrames;

    ProfileSummary(int samples, Map<Part, Integer> parts, Map<String, Integer> methodFrames) {
        this.samples = samples;
        this.parts = parts;
        this.methodFrames = methodFrames;
    }

    /** Reads a recording and sorts all of the operator thread's samples into parts. */
    static ProfileSummary of(Path jfr) throws IOException {
        return of(jfr, Instant.MIN, Instant.MAX);
    }

    /**
     * Reads a recording and sorts the operator thread's samples taken in {@code [from, to]} into parts.
     * A dump holds whole chunks of JFR's repository, so it can begin before its recording started (in the
     * bench: the end of the previous run's window, or the warm-up); the window is what counts.
     */
    static ProfileSummary of(Path jfr, Instant from, Instant to) throws IOException {
        int samples = 0;
        Map<Part, Integer> parts = new EnumMap<>(Part.class);
        Map<String, Integer> methodFrames = new HashMap<>();
        try (RecordingFile f = new RecordingFile(jfr)) {
            while (f.hasMoreEvents()) {
                RecordedEvent e = f.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")
                        || e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
                    continue;
                }
                RecordedThread t = e.getThread("sampledThread");
                RecordedStackTrace stack = e.getStackTrace();
                if (t == null || stack == null || t.getJavaName() == null
                        || !t.getJavaName().startsWith(OPERATOR_THREAD)) {
                    continue;
                }
                List<String> frames = stack.getFrames().stream().filter(RecordedFrame::isJavaFrame)
                        .map(fr -> fr.getMethod().getType().getName() + "." + fr.getMethod().getName())
                        .collect(Collectors.toList());
                samples++;
                Part p = classify(frames);
                parts.merge(p, 1, Integer::sum);
                if (p == Part.METHOD) {
                    frames.stream().filter(Part.METHOD::claims).findFirst()
                            .ifPresent(fr -> methodFrames.merge(fr, 1, Integer::sum));
                }
            }
        }
        return new ProfileSummary(samples, parts, methodFrames);
    }

    /** The part of a stack (leaf first), by the rules of the class comment. */
    static Part classify(List<String> leafFirst) {
        for (Part whole : List.of(Part.STATE, Part.EVIDENCE)) {
            if (leafFirst.stream().anyMatch(whole::claims)) {
                return whole;
            }
        }
        for (String frame : leafFirst) {
            for (Part p : List.of(Part.METHOD, Part.INPUT, Part.METRICS)) {
                if (p.claims(frame)) {
                    return p;
                }
            }
        }
        return Part.PIPELINE;
    }

    int samples() {
        return samples;
    }

    /** The share (0–1) of the operator thread's samples in a part. */
    double share(Part p) {
        return samples == 0 ? 0 : parts.getOrDefault(p, 0) / (double) samples;
    }

    /** One line: every part's share, then the method's heaviest frames (those of 1 % or more). */
    String line(int topFrames) {
        if (samples == 0) {
            return "no execution samples of the monitor operator's thread";
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%,d samples of the monitor operator's thread:",
                samples));
        for (Part p : Part.values()) {
            b.append(String.format(Locale.ROOT, " %s %.0f %%,", p.label, 100 * share(p)));
        }
        b.setLength(b.length() - 1);
        List<Map.Entry<String, Integer>> top = methodFrames.entrySet().stream()
                .filter(e -> e.getValue() * 100 >= samples)   // 1 % or more: a baseline's strays say nothing
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(topFrames).collect(Collectors.toList());
        if (!top.isEmpty()) {
            b.append("; method's top frames:");
            for (Map.Entry<String, Integer> e : top) {
                String name = e.getKey().substring(e.getKey().lastIndexOf('.', e.getKey().lastIndexOf('.') - 1) + 1);
                b.append(String.format(Locale.ROOT, " %s %.0f %%,", name, 100.0 * e.getValue() / samples));
            }
            b.setLength(b.length() - 1);
        }
        return b.toString();
    }
}
