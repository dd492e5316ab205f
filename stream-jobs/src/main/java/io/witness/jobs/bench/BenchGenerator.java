package io.witness.jobs.bench;

import io.witness.jobs.config.FieldSpec;
import io.witness.jobs.core.RawRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The bench's in-memory source: turns sequence number i into a JSON Event, exactly what a producer
 * would put on the input topic: key {@code k<j>} with j uniform over the configured number of keys,
 * {@code time} = the wall clock when the event is made (so evidence carries its generation time and
 * the sink measures event-to-evidence latency), and independent N(0, 1) values for every input field
 * of the monitor (vectors as arrays), and for point-process monitors a {@code type} ({@link BenchEvents}).
 * Optionally paced to a total rate.
 */
final class BenchGenerator extends RichMapFunction<Long, RawRecord> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final List<FieldSpec> fields;
    private final long keys;
    private final long seed;
    private final double ratePerSecond;
    /** Whether every event carries a type ({@link BenchEvents#type}): the monitor reads event types. */
    private final boolean typed;
    /** The run whose {@link SteadyProbe} counts events per key, or null. */
    private final String steadyRunId;
    private transient SteadyProbe steady;
    private transient SplittableRandom random;
    private transient StringBuilder json;
    private transient long pacedStartNanos;
    private transient long made;
    private transient double subtaskRate;
    /**
     * Typed events only: each key's last event time. A point-process event is its (time, type), so two of one
     * key in the same millisecond with the same type are one event twice (the job's DUPLICATE check); the
     * generator moves such a time on by 1 ms (at 10k keys and 100k events/s a key gets ~10 events/s, so
     * times stay within a few ms of the wall clock).
     */
    private transient long[] lastTime;
    /** Keys beyond this many (80 MB of times) keep the wall clock as it is. */
    static final long MAX_TIMED_KEYS = 10_000_000L;

    /**
     * @param ratePerSecond total events per second over all generator subtasks; 0 = as fast as the job takes them
     * @param steadyRunId   run id of the {@link SteadyProbe} to feed, or null
     */
    BenchGenerator(String topic, List<FieldSpec> fields, boolean typed, long keys, long seed, double ratePerSecond,
                   String steadyRunId) {
        this.topic = topic;
        this.typed = typed;
        this.fields = List.copyOf(fields);
        this.keys = keys;
        this.seed = seed;
        this.ratePerSecond = ratePerSecond;
        this.steadyRunId = steadyRunId;
    }

    long keys() {
        return keys;
    }

    @Override
    public void open(OpenContext context) {
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + subtask);
        json = new StringBuilder(64 + 24 * fields.size());
        subtaskRate = ratePerSecond / parallelism;
        steady = SteadyProbe.of(steadyRunId);
        lastTime = typed ? new long[(int) Math.min(keys, MAX_TIMED_KEYS)] : null;
    }

    @Override
    public RawRecord map(Long sequence) throws InterruptedException {
        pace();
        long key = random.nextLong(keys);
        if (steady != null) {
            steady.made(key);
        }
        StringBuilder sb = json;
        sb.setLength(0);
        long time = System.currentTimeMillis();
        if (lastTime != null && key < lastTime.length) {
            time = Math.max(time, lastTime[(int) key] + 1);
            lastTime[(int) key] = time;
        }
        sb.append("{\"key\":\"k").append(key).append("\",\"time\":").append(time);
        if (typed) {
            sb.append(",\"type\":\"").append(BenchEvents.type(random)).append('"');
        }
        sb.append(",\"fields\":{");
        for (int f = 0; f < fields.size(); f++) {
            FieldSpec spec = fields.get(f);
            sb.append(f == 0 ? "\"" : ",\"").append(spec.name()).append("\":");
            if (spec.vector()) {
                sb.append('[');
                for (int i = 0; i < spec.dimension(); i++) {
                    sb.append(i == 0 ? "" : ",").append(random.nextGaussian());
                }
                sb.append(']');
            } else {
                sb.append(random.nextGaussian());
            }
        }
        sb.append("}}");
        return new RawRecord(topic, 0, sequence, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Sleeps while this subtask is ahead of its share of the rate. */
    private void pace() throws InterruptedException {
        if (subtaskRate <= 0) {
            return;
        }
        long now = System.nanoTime();
        if (made == 0) {
            pacedStartNanos = now;
        }
        long due = pacedStartNanos + (long) (made * 1e9 / subtaskRate);
        made++;
        if (due > now) {
            long wait = due - now;
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
