package io.witness.jobs.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.witness.jobs.config.FieldSpec;
import io.witness.jobs.config.JobSettings;
import io.witness.jobs.config.MonitorConfig;
import io.witness.jobs.metrics.WitnessMetrics;
import io.witness.operators.monitor.Step;
import io.witness.schemas.Alert;
import io.witness.schemas.DeadLetterReason;
import io.witness.schemas.Evidence;

import java.nio.charset.StandardCharsets;

/**
 * The per-(monitor, key) logic shared by the streaming job and replay: lateness and duplicate checks,
 * the method's update, evidence, and the alert policy. The Flink operator only loads and stores
 * {@link KeyedState}; replay keeps it in memory. Same code, same evidence.
 */
public final class KeyedMonitorProcessor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BoundMonitor bound;
    private final long latenessMillis;
    private final int dedupeWindow;

    public KeyedMonitorProcessor(BoundMonitor bound, JobSettings job) {
        this.bound = bound;
        this.latenessMillis = job.allowedLateness().toMillis();
        this.dedupeWindow = job.dedupeWindow();
    }

    public BoundMonitor bound() {
        return bound;
    }

    public int dedupeWindow() {
        return dedupeWindow;
    }

    public void process(KeyedState st, MonitorInput in, OutputSink out) {
        MonitorConfig m = bound.config();
        // LATE is decided per (monitor, key) against the newest event time seen there, not against the
        // global watermark: that makes the decision independent of partition interleaving, so the
        // streaming job and replay reject exactly the same events.
        if (st.newestTime != Long.MIN_VALUE && in.time < st.newestTime - latenessMillis) {
            dead(m, in, DeadLetterReason.LATE, "event time " + in.time + " is " + (st.newestTime - in.time)
                    + " ms behind the newest event of this key (job.allowed-lateness = " + latenessMillis + " ms)", out);
            return;
        }
        double[] values = in.type == null ? in.values : withTypeCode(in.values, bound.factory().typeCode(in.type));
        st.resizeRecent(dedupeWindow);
        if (dedupeWindow > 0) {
            long fp = fingerprint(in.time, values);
            if (st.seen(fp)) {
                dead(m, in, DeadLetterReason.DUPLICATE, "same event time and values as one of the last "
                        + dedupeWindow + " events of this key", out);
                return;
            }
            st.remember(fp);
        }
        st.newestTime = Math.max(st.newestTime, in.time);
        if (st.monitor == null) {
            st.monitor = bound.factory().create();
        }
        Step step = st.monitor.update(in.time, values);
        WitnessMetrics.OBSERVATIONS.labels(m.id()).inc();
        if (step != null) {
            st.steps++;
            WitnessMetrics.EVIDENCE_STEPS.labels(m.id()).inc();
            if (step.alarm()) {
                WitnessMetrics.ALARMS.labels(m.id()).inc();
            }
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
                    .setExplanation(step.explanation())
                    .build();
            Alert alert = AlertPolicy.onStep(m, in.key, step, ev, st.alert);
            if (st.steps % m.evidenceEvery() == 0 || step.alarm() || step.clear() || alert != null) {
                out.evidence(m.evidenceTopic(), ev);
            }
            if (alert != null) {
                out.alert(m.alertsTopic(), alert);
            }
        }
        WitnessMetrics.PROCESSING_LATENCY.labels(m.id())
                .observe(Math.max(0, System.currentTimeMillis() - in.decodedAtMillis) / 1000.0);
    }

    /** Role values, then the code of the {@code type-field} value (see {@code MonitorFactory#typeCode}). */
    private static double[] withTypeCode(double[] values, double code) {
        double[] v = java.util.Arrays.copyOf(values, values.length + 1);
        v[values.length] = code;
        return v;
    }

    private void dead(MonitorConfig m, MonitorInput in, DeadLetterReason reason, String text, OutputSink out) {
        out.deadLetter(m.deadLetterTopic(), DeadLetters.of(in.topic, in.partition, in.offset, payload(m, in),
                reason, text, m.id(), in.key));
    }

    /** What the monitor saw of the event, as JSON (the raw bytes are not carried past decoding). */
    private static byte[] payload(MonitorConfig m, MonitorInput in) {
        ObjectNode n = JSON.createObjectNode();
        n.put("key", in.key);
        n.put("time", in.time);
        if (in.type != null) {
            n.put(m.typeField(), in.type);
        }
        ObjectNode f = n.putObject("fields");
        int at = 0;
        for (FieldSpec s : m.inputFields()) {
            for (int i = 0; i < s.dimension(); i++) {
                f.put(s.entry(i), in.values[at++]);
            }
        }
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** 64-bit fingerprint of (time, values): SplitMix64 finalisers over the raw bits. */
    static long fingerprint(long time, double[] values) {
        long h = mix(time ^ 0x9E3779B97F4A7C15L);
        for (double v : values) {
            h = mix(h ^ Double.doubleToLongBits(v));
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
