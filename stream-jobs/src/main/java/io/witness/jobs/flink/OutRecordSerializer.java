package io.witness.jobs.flink;

import io.witness.jobs.core.OutRecord;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Every output record carries its own topic, so one exactly-once sink serves alerts, evidence and dead letters. */
public final class OutRecordSerializer implements KafkaRecordSerializationSchema<OutRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public ProducerRecord<byte[], byte[]> serialize(OutRecord r, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(r.topic, null, timestamp, r.key, r.value);
    }
}
