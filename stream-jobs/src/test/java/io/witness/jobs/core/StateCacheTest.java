package io.witness.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.support.TestData;

/**
 * The write-behind keyed-state cache in front of a byte store, against the same micro-batches without it:
 * the same outputs, the same bytes in the store once the dirty states are flushed, and far fewer writes.
 */
class StateCacheTest {
    private static final WitnessConfig CONFIG = TestData.config(null, TestData.skitMonitor("m", "t", 40, "60s"));
    private static final int KEYS = 6;
    private static final int EVENTS = 3_000;

    /** A byte store in memory, counting writes. */
    private static final class Bytes implements MonitorBatch.ByteStore {
        final Map<String, byte[]> values = new HashMap<>();
        int writes;
        int reads;

        @Override
        public byte[] read(String routingKey) {
            reads++;
            return values.get(routingKey);
        }

        @Override
        public void write(String routingKey, byte[] bytes) {
            writes++;
            values.put(routingKey, bytes);
        }
    }

    private record Run(TestData.Collected out, Bytes bytes, StateCache cache) {
    }

    /** Feeds the same events in micro-batches of 50 through {@code cacheBytes} of cache (0: none). */
    private static Run run(long cacheBytes) throws Exception {
        Map<String, KeyedMonitorProcessor> processors = new HashMap<>();
        BoundMonitor.bindAll(CONFIG).forEach((id, b) -> processors.put(id, new KeyedMonitorProcessor(b, CONFIG.job())));
        MonitorBatch batch = new MonitorBatch(processors, Backends.forJob(CONFIG.job().compute()),
                CONFIG.job().compute().precision());
        Bytes bytes = new Bytes();
        StateCache cache = cacheBytes > 0 ? new StateCache(bytes, cacheBytes) : null;
        MonitorBatch.StateStore store = cache != null ? cache : MonitorBatch.serialized(bytes);
        TestData.Collected out = new TestData.Collected();
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < EVENTS; i++) {
            String key = "k" + r.nextInt(KEYS);
            double x = r.nextGaussian();
            double y = key.equals("k0") && i > EVENTS / 3 ? x + 0.2 * r.nextGaussian() : r.nextGaussian();
            batch.add(new MonitorInput("m", key, TestData.T0 + 1_000L * i, new double[] {x, y}, 0L, "t", 0, i), i);
            if (batch.size() == 50) {
                batch.flush(store, tag -> out);
            }
        }
        batch.flush(store, tag -> out);
        return new Run(out, bytes, cache);
    }

    private static Run plain;

    /** The run without a cache, made once for all tests (it is deterministic). */
    private static synchronized Run plain() throws Exception {
        if (plain == null) {
            plain = run(0);
        }
        return plain;
    }

    private static String transcript(TestData.Collected c) {
        return c.evidence.toString() + c.alerts + c.deadLetters;
    }

    @Test
    void aCacheThatHoldsEveryKeyWritesOnlyWhenFlushedAndChangesNothingElse() throws Exception {
        Run plain = plain();
        Run cached = run(64L << 20);

        assertThat(plain.bytes.writes).as("without the cache: one write per key per batch").isGreaterThan(EVENTS / 50);
        assertThat(cached.bytes.writes).as("nothing is written before the flush").isZero();
        assertThat(cached.bytes.reads).as("each key is read from the store once (a miss)").isEqualTo(KEYS);
        assertThat(cached.cache.hasDirty()).isTrue();
        cached.cache.flushDirty();
        assertThat(cached.cache.hasDirty()).isFalse();
        assertThat(cached.bytes.writes).as("one write per changed key").isEqualTo(KEYS);
        cached.cache.flushDirty();
        assertThat(cached.bytes.writes).as("a second flush has nothing to write").isEqualTo(KEYS);

        assertThat(transcript(cached.out)).isEqualTo(transcript(plain.out));
        assertThat(plain.out.alerts).as("the dependent key alarmed").isNotEmpty();
        assertThat(cached.bytes.values.keySet()).isEqualTo(plain.bytes.values.keySet());
        for (String k : plain.bytes.values.keySet()) {
            assertThat(Arrays.equals(cached.bytes.values.get(k), plain.bytes.values.get(k))).as("state of %s", k).isTrue();
        }
    }

    @Test
    void aCacheSmallerThanTheKeysWritesOnEvictionReadsBackAndStaysWithinItsBudget() throws Exception {
        Run plain = plain();
        int stateBytes = plain.bytes.values.values().iterator().next().length;
        long budget = 3L * (stateBytes + StateCache.ENTRY_OVERHEAD + 64);   // three of the six keys
        Run cached = run(budget);

        assertThat(cached.cache.size()).isBetween(2, 3);
        assertThat(cached.cache.heldBytes()).isLessThanOrEqualTo(budget);
        assertThat(cached.bytes.writes).as("evicted dirty states were written").isPositive();
        assertThat(cached.bytes.reads).as("and read back on the key's next event").isGreaterThan(KEYS);
        cached.cache.flushDirty();
        assertThat(transcript(cached.out)).isEqualTo(transcript(plain.out));
        for (String k : plain.bytes.values.keySet()) {
            assertThat(Arrays.equals(cached.bytes.values.get(k), plain.bytes.values.get(k))).as("state of %s", k).isTrue();
        }
    }

    @Test
    void aStateLargerThanTheBudgetIsWrittenThrough() throws Exception {
        Run plain = plain();
        Run tiny = run(1);
        assertThat(tiny.cache.size()).isZero();
        assertThat(tiny.cache.hasDirty()).isFalse();
        assertThat(tiny.bytes.writes).isEqualTo(plain.bytes.writes);
        assertThat(transcript(tiny.out)).isEqualTo(transcript(plain.out));
    }
}
