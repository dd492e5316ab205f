package io.witness.jobs.core;

import io.prometheus.client.Counter;
import io.witness.jobs.metrics.WitnessMetrics;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A write-behind cache of deserialised per-key states in front of the keyed-state bytes
 * ({@code job.state-cache}, README "Keyed-state cache"). The states of recently seen keys stay in heap,
 * bounded in bytes and evicted least-recently-used first; a state is serialised and written to the
 * {@link MonitorBatch.ByteStore} only when it is evicted dirty or by {@link #flushDirty()}, which the
 * operator calls before every checkpoint barrier. So a key touched by many events between two
 * checkpoints costs one read and one write of its bytes instead of one each per micro-batch.
 *
 * <p><b>Exactly-once</b> by the micro-batches' argument: after {@link #flushDirty()} nothing in heap
 * differs from keyed state, so the snapshot holds every update before the barrier; a restore starts with
 * an empty cache and replays from the checkpoint. Entries are never read back after a failure.
 *
 * <p><b>Size</b>: an entry counts its state's serialised size ({@link KeyedState#bytes()}) plus
 * {@value #ENTRY_OVERHEAD} bytes (map node, key, state envelope objects); the deserialised models of the
 * built-in methods are mostly primitive arrays, so this is close to their heap footprint. A state larger
 * than the whole budget is written through. Not thread-safe (the operator's task thread only).
 */
public final class StateCache implements MonitorBatch.StateStore {
    /** Resolved once: a {@code labels(...)} lookup per read cost ~10 % of the operator thread (JFR, 10k keys). */
    private static final Counter.Child HITS = WitnessMetrics.STATE_CACHE_LOOKUPS.labels("hit");
    private static final Counter.Child MISSES = WitnessMetrics.STATE_CACHE_LOOKUPS.labels("miss");

    /** Heap bytes counted per entry on top of the serialised state. */
    static final int ENTRY_OVERHEAD = 256;

    private final MonitorBatch.ByteStore bytes;
    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private long heldBytes;
    private int dirtyEntries;
    /** What this cache last added to the JVM-wide {@code witness_state_cache_bytes} gauge. */
    private long reportedBytes;

    private static final class Entry {
        final KeyedMonitorProcessor processor;
        KeyedState state;
        long size;
        boolean dirty;

        Entry(KeyedMonitorProcessor processor, KeyedState state) {
            this.processor = processor;
            this.state = state;
        }
    }

    /**
     * @param bytes    the keyed state behind the cache
     * @param maxBytes heap budget of the entries, &gt; 0
     */
    public StateCache(MonitorBatch.ByteStore bytes, long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("cache budget must be positive, got " + maxBytes);
        }
        this.bytes = bytes;
        this.maxBytes = maxBytes;
    }

    @Override
    public KeyedState read(String routingKey, KeyedMonitorProcessor p) throws Exception {
        Entry e = entries.get(routingKey);
        if (e != null) {
            HITS.inc();
            return e.state;
        }
        MISSES.inc();
        byte[] stored = bytes.read(routingKey);
        if (stored == null) {
            return null;   // the caller makes a fresh state and writes it, which caches it
        }
        KeyedState st = p.restore(stored);   // checks the stamp: another state shape fails or (reset) is dropped
        if (st == null) {
            return null;   // dropped by a reset: the caller makes a fresh state, as for a new key
        }
        e = new Entry(p, st);
        e.size = stored.length + ENTRY_OVERHEAD + 2L * routingKey.length();
        entries.put(routingKey, e);
        heldBytes += e.size;
        evictOverBudget();
        return st;
    }

    @Override
    public void write(String routingKey, KeyedState state, KeyedMonitorProcessor p) throws Exception {
        Entry e = entries.get(routingKey);
        if (e == null) {
            e = new Entry(p, state);
            entries.put(routingKey, e);
        } else {
            heldBytes -= e.size;
            e.state = state;
        }
        e.size = state.bytes() + ENTRY_OVERHEAD + 2L * routingKey.length();
        if (!e.dirty) {
            e.dirty = true;
            dirtyEntries++;
        }
        heldBytes += e.size;
        evictOverBudget();
    }

    /** Writes every dirty state to keyed state (before a checkpoint barrier, and at the end of the input). */
    public void flushDirty() throws Exception {
        if (dirtyEntries == 0) {
            return;
        }
        for (Map.Entry<String, Entry> me : entries.entrySet()) {
            Entry e = me.getValue();
            if (e.dirty) {
                persist(me.getKey(), e);
            }
        }
    }

    /** Drops every entry without writing (the operator is closing; a restore starts from keyed state). */
    public void clear() {
        entries.clear();
        heldBytes = 0;
        dirtyEntries = 0;
        WitnessMetrics.STATE_CACHE_BYTES.dec(reportedBytes);
        reportedBytes = 0;
    }

    /** True when some cached state is not yet in keyed state. */
    public boolean hasDirty() {
        return dirtyEntries > 0;
    }

    /** Keys held. */
    public int size() {
        return entries.size();
    }

    /** Heap bytes the entries count (see the class comment). */
    public long heldBytes() {
        return heldBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    private void evictOverBudget() throws Exception {
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (heldBytes > maxBytes && it.hasNext()) {
            Map.Entry<String, Entry> eldest = it.next();
            Entry e = eldest.getValue();
            if (e.dirty) {
                persist(eldest.getKey(), e);
            }
            it.remove();
            heldBytes -= e.size;
            WitnessMetrics.STATE_CACHE_EVICTIONS.inc();
        }
        WitnessMetrics.STATE_CACHE_BYTES.inc(heldBytes - reportedBytes);
        reportedBytes = heldBytes;
    }

    private void persist(String routingKey, Entry e) throws Exception {
        byte[] updated = e.processor.store(e.state);
        bytes.write(routingKey, updated);
        e.dirty = false;
        dirtyEntries--;
        e.processor.observeStateBytes(updated.length);
    }
}
