package io.witness.jobs.core;

/**
 * An input record as read from Kafka (or a line of a replay file), before decoding. A Flink POJO:
 * public fields and a no-argument constructor keep it off Kryo.
 */
public class RawRecord {
    public String topic;
    public int partition;
    /** Kafka offset, or line number in replay. */
    public long offset;
    public byte[] value;

    public RawRecord() {
    }

    public RawRecord(String topic, int partition, long offset, byte[] value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.value = value;
    }
}
