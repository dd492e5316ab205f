package io.witness.jobs.core;

import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;
import io.prometheus.client.Summary;
import io.witness.jobs.codec.AvroJson;
import io.witness.jobs.codec.ExplanationAvro;
import io.witness.jobs.config.FieldSpec;
import io.witness.jobs.config.JobSettings;
import io.witness.jobs.config.MethodRegistry;
import io.witness.jobs.config.MonitorConfig;
import io.witness.jobs.metrics.StepMetrics;
import io.witness.jobs.metrics.WitnessMetrics;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.SplitMix64;
import io.witness.operators.monitor.Step;
import io.witness.schemas.Alert;
import io.witness.schemas.DeadLetterReason;
import io.witness.schemas.Event;
import io.witness.schemas.Evidence;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-(monitor, key) logic shared by the streaming job and replay: lateness and duplicate checks,
 * the method's update, evidence, and the alert policy. The Flink operator only loads and stores
 * {@link KeyedState}; replay keeps it in memory. Same code, same evidence.
 */
public final class KeyedMonitorProcessor {
    private final BoundMonitor bound;
    private final long latenessMillis;
    private final String latenessSource;
    /** The method's own series (Hawkes: per refit); looked up once, not per step. */
    private final StepMetrics stepMetrics;
    private final int dedupeWindow;
    /** This monitor's labelled series, resolved once: a {@code labels(...)} look-up per event is a map probe and garbage. */
    private final Counter.Child observations;
    private final Counter.Child evidenceSteps;
    private final Counter.Child alarms;
    private final Histogram.Child latency;
    private final Summary.Child stateBytes;
    /** Stamps the key's state on write and decides on read whether it was written under this shape. */
    private final ShapeGuard guard;

    /** A processor whose monitor has no recorded state history (replay, bench, tests). */
    public KeyedMonitorProcessor(BoundMonitor bound, JobSettings job) {
        this(bound, job, ShapeGuard.current(bound.config().id(), bound.factory()));
    }

    /** @param guard the monitor's shape guard from {@link JobShapes#reconcile} */
    public KeyedMonitorProcessor(BoundMonitor bound, JobSettings job, ShapeGuard guard) {
        this.bound = bound;
        this.guard = guard;
        // a method may use less lateness than the job allows (Hawkes: its ring buffer of recent bins)
        long jobLateness = job.allowedLateness().toMillis();
        long methodLateness = bound.factory().maxLatenessMillis();
        this.latenessMillis = Math.min(jobLateness, methodLateness);
        this.latenessSource = jobLateness <= methodLateness ? "job.allowed-lateness"
                : "max-lateness of method " + bound.config().method();
        this.dedupeWindow = job.dedupeWindow();
        WitnessMetrics.initMonitor(bound.config().id(), bound.config().alpha());
        this.observations = WitnessMetrics.OBSERVATIONS.labels(bound.config().id());
        this.evidenceSteps = WitnessMetrics.EVIDENCE_STEPS.labels(bound.config().id());
        this.alarms = WitnessMetrics.ALARMS.labels(bound.config().id());
        this.latency = WitnessMetrics.PROCESSING_LATENCY.labels(bound.config().id());
        this.stateBytes = WitnessMetrics.STATE_BYTES.labels(bound.config().id());
        this.stepMetrics = MethodRegistry.stepMetrics(bound.config().method());
        stepMetrics.initMonitor(bound.config().id());
    }

    public BoundMonitor bound() {
        return bound;
    }

    public int dedupeWindow() {
        return dedupeWindow;
    }

    public ShapeGuard guard() {
        return guard;
    }

    /** The key's state from its stored bytes, or null when it has none (or a reset dropped it). */
    public KeyedState restore(byte[] bytes) throws java.io.IOException {
        return KeyedState.fromBytes(bytes, bound.factory(), dedupeWindow, guard);
    }

    /** Reports one written state's size in {@code witness_state_bytes}. */
    public void observeStateBytes(int bytes) {
        stateBytes.observe(bytes);
    }

    /** The key's state as stored bytes, stamped with this monitor's method and shape. */
    public byte[] store(KeyedState st) {
        return st.toBytes(guard);
    }

    public void process(KeyedState st, MonitorInput in, OutputSink out) {
        if (admit(st, in, out)) {
            apply(st, in, update(model(st), in), out);
        }
    }

    /**
     * The checks before the method sees an observation: LATE and DUPLICATE are dead-lettered to
     * {@code out}; an admitted observation is remembered (newest time, fingerprint). Reads and changes
     * the envelope only, never the model, so a micro-batch can admit all of a key's observations
     * before any of them is scored.
     *
     * @return true when the method must consume the observation
     */
    public boolean admit(KeyedState st, MonitorInput in, OutputSink out) {
        MonitorConfig m = bound.config();
        // LATE is decided per (monitor, key) against the newest event time seen there, not against the
        // global watermark: that makes the decision independent of partition interleaving, so the
        // streaming job and replay reject exactly the same events.
        // Saturating: event times are whatever a producer wrote (job.event-time-min/max may be widened), and
        // an overflowing newestTime - lateness once made every later, newer event of a key LATE.
        if (st.newestTime != Long.MIN_VALUE && in.time < minusSaturated(st.newestTime, latenessMillis)) {
            dead(m, in, DeadLetterReason.LATE, "event time " + in.time + " is " + minusSaturated(st.newestTime, in.time)
                    + " ms behind the newest event of this key (" + latenessSource + " = " + latenessMillis + " ms)", out);
            return false;
        }
        st.resizeRecent(dedupeWindow);
        if (dedupeWindow > 0) {
            long fp = fingerprint(in.time, in.type, in.values);
            if (st.seen(fp)) {
                dead(m, in, DeadLetterReason.DUPLICATE, "same event time and values as one of the last "
                        + dedupeWindow + " events of this key", out);
                return false;
            }
            st.remember(fp);
        }
        st.newestTime = Math.max(st.newestTime, in.time);
        return true;
    }

    /** {@code a - b}, clamped to the range of a long instead of wrapping around. */
    static long minusSaturated(long a, long b) {
        long r = a - b;
        // overflow iff a and b have different signs and the result's sign differs from a's
        return ((a ^ b) & (a ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
    }

    /** Feeds one admitted observation to the model: typed (point-process) events carry their type. */
    public static Step update(Model model, MonitorInput in) {
        return in.type == null ? model.update(in.time, in.values) : model.update(in.time, in.type, in.values);
    }

    /** The key's model, made on its first admitted observation. */
    public Model model(KeyedState st) {
        if (st.monitor == null) {
            st.monitor = bound.factory().create();
        }
        return st.monitor;
    }

    /**
     * What follows the method's update of an admitted observation: metrics, evidence, the alert policy.
     *
     * @param step what {@code model(st).update(in.time, in.values)} returned (null: no decision step)
     */
    public void apply(KeyedState st, MonitorInput in, Step step, OutputSink out) {
        MonitorConfig m = bound.config();
        observations.inc();
        if (step != null) {
            st.steps++;
            evidenceSteps.inc();
            if (step.alarm()) {
                alarms.inc();
            }
            WitnessMetrics.recordEvidence(m.id(), step.eValue(), step.pValue());
            stepMetrics.onStep(m.id(), step);
            Evidence ev = Evidence.newBuilder()
                    .setMonitor(m.id())
                    .setKey(in.key)
                    .setMethod(m.method())
                    .setTime(in.time)
                    .setN(step.n())
                    .setStatistic(step.statistic())
                    .setPValue(step.pValue())
                    .setEValue(step.eValue())
                    .setThreshold(step.threshold())
                    .setAlarm(step.alarm())
                    .setExplanation(ExplanationAvro.toAvro(step.explanation()))
                    .build();
            Alert alert = AlertPolicy.onStep(m, in.key, step, ev, st.alert);
            if (st.steps % m.evidenceEvery() == 0 || step.alarm() || step.clear() || alert != null) {
                out.evidence(m.evidenceTopic(), ev);
            }
            if (alert != null) {
                out.alert(m.alertsTopic(), alert);
            }
        }
        latency.observe(Math.max(0, System.currentTimeMillis() - in.decodedAtMillis) / 1000.0);
    }

    private void dead(MonitorConfig m, MonitorInput in, DeadLetterReason reason, String text, OutputSink out) {
        out.deadLetter(m.deadLetterTopic(), DeadLetters.of(in.topic, in.partition, in.offset, payload(m, in),
                reason, text, m.id(), in.key));
    }

    /** What the monitor saw of the event, as the JSON of its Event record (the raw bytes are not carried past decoding). */
    private static byte[] payload(MonitorConfig m, MonitorInput in) {
        Map<String, Double> fields = new LinkedHashMap<>();
        int at = 0;
        for (FieldSpec s : m.inputFields()) {
            for (int i = 0; i < s.dimension(); i++) {
                fields.put(s.entry(i), in.values[at++]);
            }
        }
        return AvroJson.write(Event.newBuilder().setKey(in.key).setTime(in.time).setFields(fields).setType(in.type)
                .setSource(null).build());
    }

    /** 64-bit fingerprint of (time, values): SplitMix64 finalisers over the raw bits. */
    static long fingerprint(long time, double[] values) {
        long h = mix(time ^ SplitMix64.GOLDEN_GAMMA);
        for (double v : values) {
            h = mix(h ^ Double.doubleToLongBits(v));
        }
        return h;
    }

    /**
     * Fingerprint of (time, type, values): for point-process monitors two events at the same millisecond
     * with different types are different events. Untyped events keep {@link #fingerprint(long, double[])}
     * (fingerprints are part of saved state).
     */
    static long fingerprint(long time, String type, double[] values) {
        long h = fingerprint(time, values);
        return type == null ? h : mix(h ^ type.hashCode() ^ ((long) type.length() << 32));
    }

    private static long mix(long z) {
        return SplitMix64.finalise(z);
    }
}
