package io.witness.jobs.flink;

import io.witness.jobs.core.OutRecord;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Every output record carries its own topic, so one exactly-once sink serves alerts, evidence and dead letters.
 *
 * <p>The Kafka timestamp is left to the producer (the time the record is written), not the element's event
 * time: event times are the sender's business and may be far from the broker's clock. An event time more
 * than {@code message.timestamp.after.max.ms} (1 h by default since Kafka 4.0) ahead made the broker reject
 * the record, failing the sink and restarting the job on the same input forever; one older than the output
 * topic's {@code retention.ms} (7 days by default: any backfill) had its committed alerts deleted at the
 * broker's next retention check. The event time stays in every payload.
 */
public final class OutRecordSerializer implements KafkaRecordSerializationSchema<OutRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public ProducerRecord<byte[], byte[]> serialize(OutRecord r, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(r.topic, null, null, r.key, r.value);
    }
}
