package io.witness.jobs.flink;

import io.witness.jobs.codec.AvroJson;
import io.witness.jobs.config.BanditConfig;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.core.BanditInput;
import io.witness.jobs.core.BanditKeyState;
import io.witness.jobs.core.BanditOutput;
import io.witness.jobs.core.BanditProcessor;
import io.witness.jobs.core.OutRecord;
import io.witness.jobs.metrics.WitnessMetrics;
import io.witness.operators.bandit.PendingDecision;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;
import io.witness.schemas.DeadLetter;
import io.witness.schemas.Decision;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bandit service's keyed operator, keyed by (bandit, key); a class and state of its own, apart from
 * the monitors' operator. Keyed state, all in Witness's own versioned byte formats so that RocksDB holds
 * what the README documents:
 * <ul>
 *   <li>{@value #POLICY_STATE}: the policy ({@link io.witness.operators.bandit.BanditFactory} bytes);</li>
 *   <li>{@value #PENDING_STATE}: request id → {@link PendingDecision} (pending, or a tombstone);</li>
 *   <li>{@value #DUE_STATE}: deadline → the request ids due then, each deadline an event-time timer.</li>
 * </ul>
 * The per-subtask count of pending decisions (for {@code witness_bandit_pending}) is union operator
 * state: on restore subtask 0 takes the job's total, so the gauge summed over processes stays right after
 * a restart or a rescale.
 */
public final class BanditFunction extends KeyedProcessFunction<String, BanditInput, OutRecord> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    static final String POLICY_STATE = "witness-bandit-policy-v1";
    static final String PENDING_STATE = "witness-bandit-pending-v1";
    static final String DUE_STATE = "witness-bandit-due-v1";
    static final String COUNTS_STATE = "witness-bandit-pending-counts-v1";

    private final WitnessConfig config;
    private transient ValueState<byte[]> policy;
    private transient MapState<String, byte[]> pending;
    private transient MapState<Long, byte[]> due;
    private transient ListState<byte[]> counts;
    private transient Map<String, BanditProcessor> processors;

    public BanditFunction(WitnessConfig config) {
        this.config = config;
    }

    private Map<String, BanditProcessor> processors() {
        if (processors == null) {
            processors = new LinkedHashMap<>();
            for (BanditConfig b : config.bandits()) {
                processors.put(b.id(), new BanditProcessor(b));
            }
        }
        return processors;
    }

    @Override
    public void open(OpenContext context) {
        MetricsEndpoint.open(getRuntimeContext(), config.job());
        policy = getRuntimeContext().getState(new ValueStateDescriptor<>(POLICY_STATE, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>(PENDING_STATE, BasicTypeInfo.STRING_TYPE_INFO,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        due = getRuntimeContext().getMapState(new MapStateDescriptor<>(DUE_STATE, BasicTypeInfo.LONG_TYPE_INFO,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    /** A closed instance's pending decisions leave the gauge: a restart in this process restores them from the checkpoint. */
    @Override
    public void close() throws Exception {
        if (processors != null) {
            processors.values().forEach(p -> p.restorePending(-p.pending()));
        }
        super.close();
    }

    @Override
    public void processElement(BanditInput in, Context ctx, Collector<OutRecord> out) throws Exception {
        BanditProcessor p = processors().get(in.bandit);
        if (p == null) {
            throw new IllegalStateException("no bandit '" + in.bandit + "' in this job's configuration");
        }
        p.process(in, new KeyState(ctx.timerService()), new Sink(out));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OutRecord> out) throws Exception {
        String key = ctx.getCurrentKey();
        BanditProcessor p = processors().get(key.substring(0, key.indexOf('\u0000')));
        if (p != null) {
            p.deadline(timestamp, new KeyState(ctx.timerService()));
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        StateOutput o = new StateOutput(64);
        o.writeByte(1);
        o.writeInt(processors().size());
        for (BanditProcessor p : processors().values()) {
            o.writeUTF(p.config().id());
            o.writeLong(p.pending());
        }
        counts.update(List.of(o.toByteArray()));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        counts = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>(COUNTS_STATE, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        if (!context.isRestored() || getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() != 0) {
            return;
        }
        Map<String, Long> total = new LinkedHashMap<>();
        for (byte[] entry : counts.get()) {
            StateInput in = new StateInput(entry);
            if (in.readByte() != 1) {
                continue;   // a later format: the gauge starts from 0 rather than from garbage
            }
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                total.merge(in.readUTF(), in.readLong(), Long::sum);
            }
        }
        total.forEach((bandit, count) -> {
            BanditProcessor p = processors().get(bandit);
            if (p != null) {
                p.restorePending(count);
            }
        });
    }

    /** The current key's state, and its timers. */
    private final class KeyState implements BanditKeyState {
        private final TimerService timers;

        KeyState(TimerService timers) {
            this.timers = timers;
        }

        @Override
        public byte[] policy() throws IOException {
            return policy.value();
        }

        @Override
        public void policy(byte[] bytes) throws IOException {
            policy.update(bytes);
        }

        @Override
        public PendingDecision pending(String requestId) throws IOException {
            try {
                byte[] b = pending.get(requestId);
                return b == null ? null : PendingDecision.fromBytes(b);
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }

        @Override
        public void pending(String requestId, PendingDecision decision) throws IOException {
            try {
                pending.put(requestId, decision.toBytes());
            } catch (Exception e) {
                throw new IOException(e);
            }
        }

        @Override
        public void forget(String requestId) throws IOException {
            try {
                pending.remove(requestId);
            } catch (Exception e) {
                throw new IOException(e);
            }
        }

        @Override
        public void expireAt(long deadline, String requestId) throws IOException {
            try {
                List<String> ids = decode(due.get(deadline));
                ids.add(requestId);
                due.put(deadline, encode(ids));
                timers.registerEventTimeTimer(deadline);
            } catch (Exception e) {
                throw new IOException(e);
            }
        }

        @Override
        public List<String> takeDue(long deadline) throws IOException {
            try {
                List<String> ids = decode(due.get(deadline));
                due.remove(deadline);
                return ids;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }

    /** A deadline's request ids: version byte, count, then each id as length-prefixed UTF-8. */
    static byte[] encode(List<String> ids) {
        StateOutput o = new StateOutput(16 * ids.size() + 5);
        o.writeByte(1);
        o.writeInt(ids.size());
        for (String id : ids) {
            byte[] b = id.getBytes(StandardCharsets.UTF_8);
            o.writeInt(b.length);
            o.write(b);
        }
        return o.toByteArray();
    }

    static List<String> decode(byte[] bytes) throws IOException {
        List<String> ids = new ArrayList<>();
        if (bytes == null) {
            return ids;
        }
        StateInput in = new StateInput(bytes);
        int version = in.readByte();
        if (version != 1) {
            throw new IOException("unknown bandit deadline-index version " + version);
        }
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            ids.add(new String(b, StandardCharsets.UTF_8));
        }
        return ids;
    }

    /** Encodes the bandit's records for the exactly-once sink (Kafka key = the request's key). */
    private static final class Sink implements BanditOutput {
        private final Collector<OutRecord> out;

        Sink(Collector<OutRecord> out) {
            this.out = out;
        }

        @Override
        public void decision(String topic, Decision d) {
            out.collect(new OutRecord(topic, d.getKey().getBytes(StandardCharsets.UTF_8), AvroJson.write(d)));
        }

        @Override
        public void deadLetter(String topic, DeadLetter d) {
            out.collect(new OutRecord(topic, d.getKey() == null ? null : d.getKey().getBytes(StandardCharsets.UTF_8),
                    AvroJson.write(d)));
        }
    }
}
