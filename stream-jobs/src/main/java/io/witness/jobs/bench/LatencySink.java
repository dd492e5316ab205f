package io.witness.jobs.bench;

import io.witness.jobs.core.OutRecord;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.nio.charset.StandardCharsets;

/**
 * The bench's sink, in place of Kafka: for every evidence record, the wall clock now minus the record's
 * {@code time} (the event time, which the generator set to the wall clock when it made the event that
 * completed the step) — the event-to-evidence latency, in milliseconds. Dead letters are counted.
 */
final class LatencySink implements Sink<OutRecord> {
    private static final long serialVersionUID = 1L;
    private static final byte[] TIME = ",\"time\":".getBytes(StandardCharsets.UTF_8);

    private final String runId;
    private final String evidenceTopic;
    private final String deadLetterTopic;

    LatencySink(String runId, String evidenceTopic, String deadLetterTopic) {
        this.runId = runId;
        this.evidenceTopic = evidenceTopic;
        this.deadLetterTopic = deadLetterTopic;
    }

    @Override
    public SinkWriter<OutRecord> createWriter(WriterInitContext context) {
        LatencyProbe probe = LatencyProbe.forRun(runId);
        return new SinkWriter<>() {
            @Override
            public void write(OutRecord r, Context context) {
                if (!r.topic.equals(evidenceTopic)) {
                    if (r.topic.equals(deadLetterTopic)) {
                        probe.deadLetters.increment();
                    }
                    return;   // alerts: not part of the measurement
                }
                long time = eventTime(r.value);
                if (time >= 0) {
                    probe.record(System.currentTimeMillis() - time);
                }
                probe.evidence.increment();
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * The {@code time} of an evidence record as Witness writes it (AvroJson, in the order of the Evidence schema: monitor, key, method, time, …
     * in that order; monitor ids and the bench's keys cannot contain the pattern), or -1.
     */
    static long eventTime(byte[] json) {
        outer:
        for (int i = 0; i + TIME.length < json.length; i++) {
            for (int k = 0; k < TIME.length; k++) {
                if (json[i + k] != TIME[k]) {
                    continue outer;
                }
            }
            long v = 0;
            int j = i + TIME.length;
            if (j >= json.length || json[j] < '0' || json[j] > '9') {
                return -1;
            }
            while (j < json.length && json[j] >= '0' && json[j] <= '9') {
                v = 10 * v + (json[j++] - '0');
            }
            return v;
        }
        return -1;
    }
}
