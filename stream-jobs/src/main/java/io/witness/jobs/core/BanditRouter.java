package io.witness.jobs.core;

import io.witness.jobs.codec.BanditDecoder;
import io.witness.jobs.config.BanditConfig;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.metrics.WitnessMetrics;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Decode and validate the bandits' input topics: a raw record on a requests topic becomes a request of
 * that bandit, on a feedback topic a feedback; anything unusable becomes a dead letter with the reason.
 * Not thread-safe (one per task).
 */
public final class BanditRouter {
    private final Map<String, BanditConfig> requests = new HashMap<>();
    private final Map<String, BanditConfig> feedback = new HashMap<>();
    private final int maxRecordBytes;
    private final BanditDecoder decoder = new BanditDecoder();

    public BanditRouter(WitnessConfig config) {
        for (BanditConfig b : config.bandits()) {
            requests.put(b.requestsTopic(), b);
            feedback.put(b.feedbackTopic(), b);
        }
        this.maxRecordBytes = config.job().maxRecordBytes();
    }

    public void route(RawRecord raw, Consumer<BanditInput> out, OutputSink dead) {
        WitnessMetrics.EVENTS_IN.labels(raw.topic).inc();
        BanditConfig b = requests.get(raw.topic);
        boolean isRequest = b != null;
        if (b == null) {
            b = feedback.get(raw.topic);
        }
        if (b == null) {
            return;
        }
        try {
            if (raw.value != null && raw.value.length > maxRecordBytes) {
                throw new BadRecord(io.witness.schemas.DeadLetterReason.TOO_LARGE, "record of " + raw.value.length
                        + " bytes exceeds job.max-record-bytes = " + maxRecordBytes);
            }
            BanditInput in = isRequest ? decoder.request(raw.value, b) : decoder.feedback(raw.value, b);
            out.accept(in.from(raw.topic, raw.partition, raw.offset, System.currentTimeMillis()));
        } catch (BadRecord bad) {
            dead.deadLetter(b.deadLetterTopic(), DeadLetters.of(raw.topic, raw.partition, raw.offset, raw.value,
                    bad.reason(), bad.getMessage(), b.id(), bad.key()));
        } catch (RuntimeException bug) {
            // a decoding failure nobody foresaw is still one bad record, not a job that restarts on it forever
            dead.deadLetter(b.deadLetterTopic(), DeadLetters.of(raw.topic, raw.partition, raw.offset, raw.value,
                    io.witness.schemas.DeadLetterReason.MALFORMED, "could not be decoded: " + bug, b.id(), null));
        }
    }
}
