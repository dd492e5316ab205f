package io.witness.jobs.core;

/**
 * One validated observation for one monitor: the values of its input fields in role order. A Flink
 * POJO (public fields, no-argument constructor) so that it never falls back to Kryo.
 */
public class MonitorInput {
    public String monitor;
    public String key;
    /** Event time, epoch ms. */
    public long time;
    public double[] values;
    /** The event's type, for point-process monitors; null for the others. */
    public String type;
    /** Wall-clock ms when the record was decoded (for the latency histogram). */
    public long decodedAtMillis;
    public String topic;
    public int partition;
    public long offset;

    public MonitorInput() {
    }

    public MonitorInput(String monitor, String key, long time, double[] values, long decodedAtMillis,
                        String topic, int partition, long offset) {
        this.monitor = monitor;
        this.key = key;
        this.time = time;
        this.values = values;
        this.decodedAtMillis = decodedAtMillis;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    public MonitorInput(String monitor, String key, String type, long time, double[] values, long decodedAtMillis,
                        String topic, int partition, long offset) {
        this(monitor, key, time, values, decodedAtMillis, topic, partition, offset);
        this.type = type;
    }

    /**
     * Made once per record ({@link #routingKey}): Flink's key selector and the micro-batch ask for it in the
     * operator's thread, and one instance keeps its hash for the batch's and the state cache's maps.
     * Transient: Flink's POJO serializer skips it, so a record arrives without it.
     */
    private transient String routingKey;

    /** The Flink key: one model per (monitor, key). The separator cannot occur in a monitor id. */
    public String routingKey() {
        String k = routingKey;
        if (k == null) {
            k = monitor + '\u0000' + key;
            routingKey = k;
        }
        return k;
    }
}
