package io.witness.jobs.core;

import io.witness.jobs.codec.EventDecoder;
import io.witness.jobs.config.EventTimeRange;
import io.witness.jobs.config.FieldSpec;
import io.witness.jobs.config.JobSettings;
import io.witness.jobs.config.KeyField;
import io.witness.jobs.config.MonitorConfig;
import io.witness.jobs.config.WireFormat;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.metrics.WitnessMetrics;
import io.witness.schemas.DeadLetterReason;
import io.witness.schemas.Event;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Decode and validate: one raw record in, one {@link MonitorInput} per monitor reading its topic out,
 * or a dead letter with the reason. Shared by the streaming job and replay, so both reject exactly the
 * same records. Not thread-safe (one per task).
 */
public final class InputRouter {
    private final Map<String, List<MonitorConfig>> byTopic = new LinkedHashMap<>();
    private final Map<String, WireFormat> formats = new LinkedHashMap<>();
    private final JobSettings job;
    private final EventDecoder decoder = new EventDecoder();
    /** When set, every monitor reads every record whatever its topic (replay of a file). */
    private final boolean allTopics;

    public InputRouter(WitnessConfig config, boolean allTopics) {
        this.job = config.job();
        this.allTopics = allTopics;
        for (MonitorConfig m : config.monitors()) {
            byTopic.computeIfAbsent(allTopics ? "*" : m.topic(), t -> new ArrayList<>()).add(m);
            formats.putIfAbsent(m.topic(), m.format());
        }
    }

    public void route(RawRecord raw, Consumer<MonitorInput> out, OutputSink dead) {
        WitnessMetrics.EVENTS_IN.labels(raw.topic).inc();
        List<MonitorConfig> monitors = byTopic.getOrDefault(allTopics ? "*" : raw.topic, List.of());
        if (monitors.isEmpty()) {
            return;
        }
        if (raw.value != null && raw.value.length > job.maxRecordBytes()) {
            reject(raw, monitors, DeadLetterReason.TOO_LARGE, "record of " + raw.value.length
                    + " bytes exceeds job.max-record-bytes = " + job.maxRecordBytes(), null, dead);
            return;
        }
        Event event;
        try {
            event = decoder.decode(raw.value, allTopics ? WireFormat.JSON : formats.get(raw.topic));
        } catch (BadRecord bad) {
            reject(raw, monitors, bad.reason(), bad.getMessage(), bad.key(), dead);
            return;
        } catch (RuntimeException bug) {
            // A decoder failure the decoder did not foresee is still one bad record: thrown, it failed the job,
            // which restarted on the same record forever (an ISO time beyond epoch milliseconds once did)
            reject(raw, monitors, DeadLetterReason.MALFORMED, "could not be decoded: " + bug, null, dead);
            return;
        }
        if (!job.eventTimes().contains(event.getTime())) {
            reject(raw, monitors, DeadLetterReason.TIME_OUT_OF_RANGE, timeOutOfRange(event), event.getKey(), dead);
            return;
        }
        long now = System.currentTimeMillis();
        for (MonitorConfig m : monitors) {
            try {
                String key = key(event, m);
                out.accept(new MonitorInput(m.id(), key, type(event, m), event.getTime(), values(event, m), now,
                        raw.topic, raw.partition, raw.offset));
            } catch (BadRecord bad) {
                dead.deadLetter(m.deadLetterTopic(), DeadLetters.of(raw.topic, raw.partition, raw.offset, raw.value,
                        bad.reason(), bad.getMessage(), m.id(), event.getKey()));
            }
        }
    }

    /** Routes an already decoded event (CSV replay): the same validation as {@link #route}. */
    public void routeEvent(Event event, RawRecord origin, Consumer<MonitorInput> out, OutputSink dead) {
        WitnessMetrics.EVENTS_IN.labels(origin.topic).inc();
        List<MonitorConfig> monitors = byTopic.getOrDefault(allTopics ? "*" : origin.topic, List.of());
        if (!monitors.isEmpty() && !job.eventTimes().contains(event.getTime())) {
            reject(origin, monitors, DeadLetterReason.TIME_OUT_OF_RANGE, timeOutOfRange(event), event.getKey(), dead);
            return;
        }
        long now = System.currentTimeMillis();
        for (MonitorConfig m : monitors) {
            try {
                out.accept(new MonitorInput(m.id(), key(event, m), type(event, m), event.getTime(), values(event, m),
                        now, origin.topic, origin.partition, origin.offset));
            } catch (BadRecord bad) {
                dead.deadLetter(m.deadLetterTopic(), DeadLetters.of(origin.topic, origin.partition, origin.offset,
                        origin.value, bad.reason(), bad.getMessage(), m.id(), event.getKey()));
            }
        }
    }

    private String timeOutOfRange(Event e) {
        return "event time " + e.getTime() + " (" + EventTimeRange.format(e.getTime()) + ") is outside "
                + "job.event-time-min .. job.event-time-max " + job.eventTimes().describe();
    }

    /** A record unusable for every monitor of its topic: one dead letter per distinct dead-letter topic. */
    public static void reject(RawRecord raw, List<MonitorConfig> monitors, DeadLetterReason reason, String text,
                              String key, OutputSink dead) {
        Set<String> topics = new LinkedHashSet<>();
        monitors.forEach(m -> topics.add(m.deadLetterTopic()));
        for (String t : topics) {
            dead.deadLetter(t, DeadLetters.of(raw.topic, raw.partition, raw.offset, raw.value, reason, text,
                    monitors.size() == 1 ? monitors.get(0).id() : null, key));
        }
    }

    private static String attribute(Event e, KeyField f) {
        return switch (f) {
            case KEY -> e.getKey();
            case TYPE -> e.getType();
            case SOURCE -> e.getSource();
        };
    }

    /** The event type of a point-process monitor (null for other monitors); required when read. */
    static String type(Event e, MonitorConfig m) throws BadRecord {
        if (m.typeField() == null) {
            return null;
        }
        String t = attribute(e, m.typeField());
        if (t == null || t.isEmpty()) {
            String name = m.typeField().name().toLowerCase(Locale.ROOT);
            throw new BadRecord(DeadLetterReason.MISSING_FIELD, "field '" + name + "' (the event type of monitor '"
                    + m.id() + "') is missing", e.getKey());
        }
        requireShort(t, m.typeField().name().toLowerCase(Locale.ROOT), "the event type", m, e);
        return t;
    }

    static String key(Event e, MonitorConfig m) throws BadRecord {
        String k = attribute(e, m.keyField());
        if (k == null || k.isEmpty()) {
            String name = m.keyField().name().toLowerCase();
            throw new BadRecord(DeadLetterReason.MISSING_FIELD, "field '" + name + "' (the key of monitor '"
                    + m.id() + "') is missing", e.getKey());
        }
        requireShort(k, m.keyField().name().toLowerCase(Locale.ROOT), "the key", m, e);
        return k;
    }

    /**
     * The most UTF-8 bytes of a key or an event type. Both name a model's state and travel in every evidence,
     * alert and dead letter of it: a key of ~1 MB made output records larger than the sink's
     * {@code max.request.size}, which failed the job and restarted it on the same record forever.
     */
    public static final int MAX_KEY_BYTES = 4096;

    private static void requireShort(String s, String name, String role, MonitorConfig m, Event e) throws BadRecord {
        if (s.length() * 3 <= MAX_KEY_BYTES) {
            return;   // UTF-8 takes at most 3 bytes per char (a surrogate pair: 4 bytes for 2 chars)
        }
        int bytes = s.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw new BadRecord(DeadLetterReason.TOO_LARGE, "field '" + name + "' (" + role + " of monitor '" + m.id()
                    + "') is " + bytes + " bytes of UTF-8, more than " + MAX_KEY_BYTES, e.getKey());
        }
    }

    /** The monitor's input vector in role order; every entry present, of the declared dimension, finite. */
    static double[] values(Event e, MonitorConfig m) throws BadRecord {
        Map<String, Double> f = e.getFields();
        List<FieldSpec> specs = m.inputFields();
        int dim = 0;
        for (FieldSpec s : specs) {
            dim += s.dimension();
        }
        double[] out = new double[dim];
        int at = 0;
        for (FieldSpec s : specs) {
            if (!s.vector()) {
                Double v = f.get(s.name());
                if (v == null) {
                    int n = vectorLength(f, s.name());
                    if (n > 0) {
                        throw new BadRecord(DeadLetterReason.WRONG_DIMENSION, "field '" + s.name()
                                + "' must be a single number, got a vector of " + n, e.getKey());
                    }
                    throw new BadRecord(DeadLetterReason.MISSING_FIELD, "field '" + s.name() + "' is missing", e.getKey());
                }
                out[at++] = finite(v, s.name(), e);
            } else {
                int n = vectorLength(f, s.name());
                if (n == 0 && !f.containsKey(s.name())) {
                    throw new BadRecord(DeadLetterReason.MISSING_FIELD, "field '" + s.name() + "' is missing", e.getKey());
                }
                if (n != s.dimension()) {
                    throw new BadRecord(DeadLetterReason.WRONG_DIMENSION, "field '" + s.name() + "' must have "
                            + s.dimension() + " components, got " + (n == 0 ? "a single number" : n), e.getKey());
                }
                for (int i = 0; i < n; i++) {
                    out[at++] = finite(f.get(s.entry(i)), s.entry(i), e);
                }
            }
        }
        return out;
    }

    private static int vectorLength(Map<String, Double> f, String name) {
        int n = 0;
        while (f.containsKey(name + "[" + n + "]")) {
            n++;
        }
        return n;
    }

    private static double finite(Double v, String name, Event e) throws BadRecord {
        if (!Double.isFinite(v)) {
            throw new BadRecord(DeadLetterReason.NOT_FINITE, "field '" + name + "' is " + v, e.getKey());
        }
        return v;
    }
}
