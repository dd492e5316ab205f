package io.witness.jobs.core;

import io.witness.jobs.metrics.WitnessMetrics;
import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.compute.Precision;
import io.witness.operators.monitor.BatchScoring;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.Step;
import io.witness.schemas.DeadLetter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A micro-batch of observations for the per-(monitor, key) logic, shared by the Flink operator and
 * replay. {@link #flush} processes everything buffered:
 * <ol>
 * <li>groups the observations by (monitor, key), keeping each key's arrival order;</li>
 * <li>per key: reads the state <b>once</b>, admits its observations (LATE, DUPLICATE), and stages
 *     the admitted ones with the monitor's {@link BatchScoring.Batch} when the method has one;</li>
 * <li>per monitor: <b>one</b> {@link BatchScoring.Batch#compute} — the backend work of the whole batch;</li>
 * <li>per key: consumes its observations in order (evidence, alerts) and writes the state <b>once</b>;</li>
 * <li>hands every output to the target in the observations' arrival order, exactly the sequence that
 *     processing them one by one produces.</li>
 * </ol>
 * The model, evidence and alerts are those of {@link KeyedMonitorProcessor#process} on each observation
 * in turn; only the number of state reads and writes and backend calls change. Not thread-safe.
 *
 * <p>Memory during a flush: one deserialised model per distinct key of the batch (at most the batch
 * size times the per-key state size).
 */
public final class MonitorBatch {

    /** Per-(monitor, key) state as the caller keeps it: objects in memory (replay) or bytes ({@link #serialized}). */
    public interface StateStore {
        /** The state of a routing key, or null if it has none. */
        KeyedState read(String routingKey, KeyedMonitorProcessor p) throws Exception;

        void write(String routingKey, KeyedState state, KeyedMonitorProcessor p) throws Exception;
    }

    /** Keyed state kept as bytes in Witness's versioned format (Flink keyed state). */
    public interface ByteStore {
        /** The stored bytes of a routing key, or null if it has none. */
        byte[] read(String routingKey) throws Exception;

        void write(String routingKey, byte[] bytes) throws Exception;
    }

    /** A state store of live objects in a map (replay, tests): nothing is serialised. */
    public static StateStore inMemory(Map<String, KeyedState> states) {
        return new StateStore() {
            @Override
            public KeyedState read(String routingKey, KeyedMonitorProcessor p) {
                return states.get(routingKey);
            }

            @Override
            public void write(String routingKey, KeyedState state, KeyedMonitorProcessor p) {
                states.put(routingKey, state);
            }
        };
    }

    /**
     * A state store over bytes: restores on read, serialises on write, and reports each written size in
     * {@code witness_state_bytes}.
     */
    public static StateStore serialized(ByteStore bytes) {
        return new StateStore() {
            @Override
            public KeyedState read(String routingKey, KeyedMonitorProcessor p) throws Exception {
                byte[] b = bytes.read(routingKey);
                return b == null ? null : p.restore(b);
            }

            @Override
            public void write(String routingKey, KeyedState state, KeyedMonitorProcessor p) throws Exception {
                byte[] updated = p.store(state);
                bytes.write(routingKey, updated);
                p.observeStateBytes(updated.length);
            }
        };
    }

    /** Where outputs go, observation by observation in arrival order. */
    public interface Target {
        /** The sink for the outputs of the observation added with this tag. */
        OutputSink forItem(long tag);
    }

    private final Map<String, KeyedMonitorProcessor> processors;
    private final Function<Precision, ComputeBackend> backends;
    private final Precision precision;
    private final Map<String, BatchScoring.Batch> scoring = new HashMap<>();

    // ---- buffered items, in arrival order (an item is an observation or a ready dead letter) ----
    private final List<MonitorInput> inputs = new ArrayList<>();
    private final List<DeadLetter> passThrough = new ArrayList<>();
    private final List<String> passThroughTopics = new ArrayList<>();
    private long[] tags = new long[64];

    private final DeferredOutputs deferred = new DeferredOutputs();

    /**
     * @param processors the per-monitor logic, by monitor id
     * @param backends   the compute backend for a precision; asked only when a method stages work
     * @param precision  the configured backend precision ({@code job.backend-precision})
     */
    public MonitorBatch(Map<String, KeyedMonitorProcessor> processors, Function<Precision, ComputeBackend> backends,
                        Precision precision) {
        this.processors = processors;
        this.backends = backends;
        this.precision = precision;
    }

    public int size() {
        return inputs.size();
    }

    public boolean isEmpty() {
        return inputs.isEmpty();
    }

    /** Buffers an observation; {@code tag} comes back with its outputs ({@link Target#forItem}). */
    public void add(MonitorInput in, long tag) {
        if (inputs.size() == tags.length) {
            tags = Arrays.copyOf(tags, 2 * tags.length);
        }
        tags[inputs.size()] = tag;
        inputs.add(in);
        passThrough.add(null);
        passThroughTopics.add(null);
    }

    /**
     * Buffers a dead letter made before the monitors (replay's decode errors) so that it keeps its place
     * among the outputs.
     */
    public void addDeadLetter(String topic, DeadLetter d, long tag) {
        add(null, tag);
        passThrough.set(passThrough.size() - 1, d);
        passThroughTopics.set(passThroughTopics.size() - 1, topic);
    }

    /** One observation straight through, without buffering: the path of {@code job.batch.max-items: 1}. */
    public void processNow(MonitorInput in, StateStore store, OutputSink out) throws Exception {
        KeyedMonitorProcessor p = processor(in);
        String key = in.routingKey();
        KeyedState st = orFresh(store.read(key, p));
        p.process(st, in, out);
        store.write(key, st, p);
    }

    /** Processes and empties the buffer (see the class comment). */
    public void flush(StateStore store, Target target) throws Exception {
        if (inputs.isEmpty()) {
            return;
        }
        int n = inputs.size();
        Map<String, Group> groups = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            MonitorInput in = inputs.get(i);
            if (in != null) {
                groups.computeIfAbsent(in.routingKey(), k -> new Group(k, processor(in))).items.add(i);
            }
        }
        boolean[] admitted = new boolean[n];
        List<BatchScoring.Batch> used = new ArrayList<>();
        for (Group g : groups.values()) {
            g.state = orFresh(store.read(g.key, g.processor));
            List<double[]> staged = new ArrayList<>(g.items.size());
            List<String> types = new ArrayList<>(g.items.size());
            for (int i : g.items) {
                MonitorInput in = inputs.get(i);
                if (g.processor.admit(g.state, in, deferred.forItem(i))) {
                    admitted[i] = true;
                    staged.add(in.values);
                    types.add(in.type);
                }
            }
            if (staged.isEmpty()) {
                continue;
            }
            Model model = g.processor.model(g.state);
            g.batch = scoring(g.processor, used);
            if (g.batch != null) {
                g.handle = g.batch.stage(model, staged, types);
            }
        }
        for (BatchScoring.Batch b : used) {
            b.compute();
        }
        for (Group g : groups.values()) {
            for (int i : g.items) {
                if (admitted[i]) {
                    MonitorInput in = inputs.get(i);
                    Model model = g.state.monitor();
                    Step step = g.batch != null ? g.batch.update(g.handle, model, in.time, in.type, in.values)
                            : KeyedMonitorProcessor.update(model, in);
                    g.processor.apply(g.state, in, step, deferred.forItem(i));
                }
            }
            store.write(g.key, g.state, g.processor);
        }
        for (BatchScoring.Batch b : used) {
            b.reset();
        }
        for (int i = 0; i < n; i++) {
            if (passThrough.get(i) != null) {
                deferred.forItem(i).deadLetter(passThroughTopics.get(i), passThrough.get(i));
            }
        }
        deferred.emitInOrder(n, i -> target.forItem(tags[i]));
        inputs.clear();
        passThrough.clear();
        passThroughTopics.clear();
    }

    private KeyedMonitorProcessor processor(MonitorInput in) {
        KeyedMonitorProcessor p = processors.get(in.monitor);
        if (p == null) {
            // cannot happen with one config for the whole job graph; fail loudly rather than drop
            throw new IllegalStateException("no monitor '" + in.monitor + "' in this job's configuration");
        }
        return p;
    }

    private static KeyedState orFresh(KeyedState st) {
        return st == null ? KeyedState.fresh() : st;
    }

    /** The monitor's batch for this flush (made once per monitor and reused), or null if it has none. */
    private BatchScoring.Batch scoring(KeyedMonitorProcessor p, List<BatchScoring.Batch> used) {
        if (!(p.bound().factory() instanceof BatchScoring bs)) {
            return null;
        }
        String id = p.bound().config().id();
        BatchScoring.Batch b = scoring.get(id);
        if (b == null) {
            b = bs.newBatch(backends.apply(bs.precision(precision)));
            scoring.put(id, b);
        }
        if (!used.contains(b)) {
            used.add(b);
        }
        return b;
    }

    /** One (monitor, key) of a batch. */
    private static final class Group {
        final String key;
        final KeyedMonitorProcessor processor;
        final List<Integer> items = new ArrayList<>();
        KeyedState state;
        BatchScoring.Batch batch;
        int handle;

        Group(String key, KeyedMonitorProcessor processor) {
            this.key = key;
            this.processor = processor;
        }
    }
}
