package io.witness.jobs.flink;

import io.witness.jobs.config.ComputeSettings;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.core.Backends;
import io.witness.jobs.core.BoundMonitor;
import io.witness.jobs.core.JobShapes;
import io.witness.jobs.core.KeyedMonitorProcessor;
import io.witness.jobs.core.MonitorBatch;
import io.witness.jobs.core.MonitorBinder;
import io.witness.jobs.core.MonitorInput;
import io.witness.jobs.core.OutRecord;
import io.witness.jobs.core.StateCache;
import io.witness.jobs.core.StateShapeException;
import io.witness.jobs.metrics.WitnessMetrics;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * The monitor operator, keyed by (monitor, key): loads the key's state from keyed state, runs the shared
 * {@link KeyedMonitorProcessor}, stores the state back, emits what came out. State is one byte array
 * per key in Witness's own versioned format ({@link KeyedState}) under {@value #STATE_NAME}, so RocksDB
 * holds exactly what the README documents and old savepoints restore through our codec.
 *
 * <p><b>Micro-batching</b> ({@code job.batch.max-items} B, {@code job.batch.max-delay} T), in the manner
 * of Flink's bundle operators: observations are buffered in memory and processed together by
 * {@link MonitorBatch} — each key's state read and written once per batch, each method's backend work
 * one call per batch — when B are buffered, when the oldest has waited T (a processing-time timer), before
 * every checkpoint barrier ({@link #prepareSnapshotPreBarrier}) and at the end of the input. Nothing
 * buffered ever crosses a barrier, so the buffer needs no state of its own and exactly-once holds as
 * without batching. A watermark that arrives while observations are buffered is held back and emitted
 * after them, and an input that turns idle flushes first. Outputs leave in the observations' arrival
 * order, each with its observation's timestamp. With B = 1 every observation is processed on arrival, exactly as a plain keyed process function would.
 *
 * <p><b>Keyed-state cache</b> ({@code job.state-cache}, {@link StateCache}): the deserialised states of
 * recently seen keys stay in heap and are written to keyed state when evicted and, for every changed key,
 * in {@link #prepareSnapshotPreBarrier} after the batch's flush — so, as for the batch, nothing changed
 * crosses a barrier and a restore (empty cache) replays from the checkpoint. Every write to keyed state
 * sets the key context first ({@code setCurrentKey}); the cached keys all arrived at this subtask, so they
 * are in its key groups. The budget is per subtask; {@code auto} is a quarter of the JVM's heap shared by
 * its task slots ({@link ComputeSettings#stateCacheBudget}).
 *
 * <p>Savepoint contract: the uid ({@code monitor-state}), {@value #STATE_NAME} and its byte-array type
 * are those the job has always used (the same state, first written by a {@code KeyedProcessFunction}).
 *
 * <p><b>State shapes</b>: the job's record of which state shape each monitor's keys were written under
 * ({@link JobShapes}) is operator state {@value #SHAPES_NAME}, a union list of one entry per monitor
 * written by subtask 0, so every subtask sees all of it after any rescale. On a restore it is checked
 * against the configuration before the first record: a changed shape without a reset fails the job
 * once, without restarts (restarting cannot fix a configuration), with the one-line message.
 */
public final class MonitorOperator extends AbstractStreamOperator<OutRecord>
        implements OneInputStreamOperator<MonitorInput, OutRecord>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    static final String STATE_NAME = "witness-keyed-state-v1";
    static final String SHAPES_NAME = "witness-state-shapes";
    static final long NO_TIMESTAMP = Long.MIN_VALUE;

    private final WitnessConfig config;
    private final MonitorBinder binder;
    private transient ValueState<byte[]> state;
    private transient ListState<byte[]> shapesState;
    private transient JobShapes.Reconciled shapes;
    private transient Map<String, BoundMonitor> bound;
    private transient MonitorBatch batch;
    private transient MonitorBatch.StateStore store;
    /** The write-behind cache {@link #store} goes through, or null without one. */
    private transient StateCache cache;
    private transient CollectingSink sink;
    private transient ScheduledFuture<?> timer;
    /** Tells a timer that fired after its batch was flushed (its mail already queued) from the current one. */
    private transient long timerGeneration;
    private transient Watermark heldWatermark;
    private transient int maxItems;
    private transient long maxDelayMillis;

    public MonitorOperator(WitnessConfig config) {
        this(config, MonitorBinder.DEFAULT);
    }

    /** @param binder how each monitor is bound to its method ({@link MonitorBinder#DEFAULT} in every job) */
    public MonitorOperator(WitnessConfig config, MonitorBinder binder) {
        this.config = config;
        this.binder = binder;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        shapesState = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>(SHAPES_NAME,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        List<JobShapes.Entry> restored = new ArrayList<>();
        Map<String, JobShapes.Entry> unique = new HashMap<>();
        for (byte[] b : shapesState.get()) {
            JobShapes.Entry e = JobShapes.Entry.fromBytes(b);
            if (unique.putIfAbsent(e.monitor(), e) == null) {
                restored.add(e);
            }
        }
        bound = BoundMonitor.bindAll(config, binder);
        try {
            shapes = JobShapes.reconcile(bound, restored, context.isRestored());
        } catch (StateShapeException e) {
            throw new SuppressRestartsException(e);
        }
        if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            shapes.resets().forEach(r -> LOG.warn("witness: {}", r));
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        MetricsEndpoint.open(getRuntimeContext(), config.job());
        state = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE_NAME,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        ComputeSettings compute = config.job().compute();
        maxItems = compute.batchMaxItems();
        maxDelayMillis = compute.batchMaxDelay().toMillis();
        Map<String, KeyedMonitorProcessor> processors = new HashMap<>();
        bound.forEach((id, b) -> processors.put(id, new KeyedMonitorProcessor(b, config.job(), shapes.guards().get(id))));
        batch = new MonitorBatch(processors, Backends.forJob(compute), compute.precision());
        MonitorBatch.ByteStore bytes = new MonitorBatch.ByteStore() {
            @Override
            public byte[] read(String routingKey) throws Exception {
                setCurrentKey(routingKey);
                return state.value();
            }

            @Override
            public void write(String routingKey, byte[] value) throws Exception {
                setCurrentKey(routingKey);
                state.update(value);
            }
        };
        int slots = getContainingTask().getEnvironment().getTaskManagerInfo().getConfiguration()
                .get(TaskManagerOptions.NUM_TASK_SLOTS);
        long budget = compute.stateCacheBudget(Runtime.getRuntime().maxMemory(), slots);
        cache = budget > 0 ? new StateCache(bytes, budget) : null;
        store = cache != null ? cache : MonitorBatch.serialized(bytes);
        if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            List<byte[]> entries = new ArrayList<>();
            shapes.record().forEach(e -> entries.add(e.toBytes()));
            shapesState.update(entries);
        } else {
            shapesState.clear();
        }
        sink = new CollectingSink();
    }

    @Override
    public void processElement(StreamRecord<MonitorInput> element) throws Exception {
        long ts = element.hasTimestamp() ? element.getTimestamp() : NO_TIMESTAMP;
        if (maxItems == 1) {
            try {
                batch.processNow(element.getValue(), store, sink.to(r -> emit(r, ts)));
            } catch (StateShapeException e) {
                throw new SuppressRestartsException(e);
            }
            return;
        }
        batch.add(element.getValue(), ts);
        if (batch.size() >= maxItems) {
            flush(WitnessMetrics.FLUSH_SIZE);
        } else if (timer == null) {
            long now = getProcessingTimeService().getCurrentProcessingTime();
            long generation = ++timerGeneration;
            timer = getProcessingTimeService().registerTimer(now + maxDelayMillis, t -> {
                if (generation == timerGeneration) {
                    timer = null;
                    flush(WitnessMetrics.FLUSH_DELAY);
                }
            });
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (batch.isEmpty()) {
            super.processWatermark(mark);
        } else {
            heldWatermark = mark;   // it must not overtake the buffered observations' outputs
        }
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        if (status.isIdle()) {
            flush(WitnessMetrics.FLUSH_IDLE);   // an idle input emits nothing after saying so
        }
        super.processWatermarkStatus(status);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush(WitnessMetrics.FLUSH_CHECKPOINT);
        flushCache();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        if (!batch.isEmpty()) {
            // prepareSnapshotPreBarrier flushed; anything here would be lost by a restore from this snapshot
            throw new IllegalStateException(batch.size() + " observations buffered at checkpoint "
                    + context.getCheckpointId());
        }
        if (cache != null && cache.hasDirty()) {
            throw new IllegalStateException("changed states in the keyed-state cache at checkpoint "
                    + context.getCheckpointId() + ": they would be missing from it");
        }
        super.snapshotState(context);
    }

    @Override
    public void endInput() throws Exception {
        flush(WitnessMetrics.FLUSH_END);
        flushCache();
    }

    @Override
    public void finish() throws Exception {
        flush(WitnessMetrics.FLUSH_END);
        flushCache();
        super.finish();
    }

    @Override
    public void close() throws Exception {
        if (cache != null) {
            cache.clear();   // what was not flushed belongs to no checkpoint: a restore replays it
        }
        super.close();
    }

    private void flushCache() throws Exception {
        if (cache != null) {
            cache.flushDirty();
        }
    }

    private void flush(String trigger) throws Exception {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
            timerGeneration++;
        }
        if (!batch.isEmpty()) {
            WitnessMetrics.BATCH_ITEMS.observe(batch.size());
            WitnessMetrics.BATCH_FLUSHES.labels(trigger).inc();
            try {
                batch.flush(store, tag -> sink.to(r -> emit(r, tag)));
            } catch (StateShapeException e) {
                throw new SuppressRestartsException(e);   // a key's state of another shape: restarting cannot help
            }
        }
        if (heldWatermark != null) {
            Watermark w = heldWatermark;
            heldWatermark = null;
            super.processWatermark(w);
        }
    }

    private void emit(OutRecord r, long ts) {
        output.collect(ts == NO_TIMESTAMP ? new StreamRecord<>(r) : new StreamRecord<>(r, ts));
    }
}
