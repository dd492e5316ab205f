package io.witness.jobs.core;

/** A record ready for Kafka: topic, key and value bytes. Everything the job writes goes through one exactly-once sink as these. */
public class OutRecord {
    public String topic;
    public byte[] key;
    public byte[] value;

    public OutRecord() {
    }

    public OutRecord(String topic, byte[] key, byte[] value) {
        this.topic = topic;
        this.key = key;
        this.value = value;
    }
}
