package io.witness.jobs.flink;

import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.core.BoundMonitor;
import io.witness.jobs.core.KeyedMonitorProcessor;
import io.witness.jobs.core.KeyedState;
import io.witness.jobs.core.MonitorInput;
import io.witness.jobs.core.OutRecord;
import io.witness.jobs.metrics.WitnessMetrics;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.HashMap;
import java.util.Map;

/**
 * The thin Flink adapter: load the (monitor, key) state from keyed state, run the shared
 * {@link KeyedMonitorProcessor}, store the state back, emit what came out. State is one byte array
 * per key in Witness's own versioned format ({@link KeyedState}), so RocksDB holds exactly what the
 * README documents and old savepoints restore through our codec, not through Flink's type evolution.
 */
public final class MonitorFunction extends KeyedProcessFunction<String, MonitorInput, OutRecord> {
    private static final long serialVersionUID = 1L;
    static final String STATE_NAME = "witness-keyed-state-v1";

    private final WitnessConfig config;
    private transient ValueState<byte[]> state;
    private transient Map<String, KeyedMonitorProcessor> processors;
    private transient CollectingSink sink;

    public MonitorFunction(WitnessConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext context) {
        WitnessMetrics.ensureServer("0.0.0.0", config.job().metricsPort());
        state = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE_NAME, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        processors = new HashMap<>();
        BoundMonitor.bindAll(config).forEach((id, b) -> processors.put(id, new KeyedMonitorProcessor(b, config.job())));
        sink = new CollectingSink();
    }

    @Override
    public void processElement(MonitorInput in, Context ctx, Collector<OutRecord> out) throws Exception {
        KeyedMonitorProcessor p = processors.get(in.monitor);
        if (p == null) {
            // cannot happen with one config for the whole job graph; fail loudly rather than drop
            throw new IllegalStateException("no monitor '" + in.monitor + "' in this job's configuration");
        }
        byte[] bytes = state.value();
        KeyedState st = bytes == null ? KeyedState.fresh()
                : KeyedState.fromBytes(bytes, p.bound().factory(), p.dedupeWindow());
        p.process(st, in, sink.to(out::collect));
        byte[] updated = st.toBytes();
        state.update(updated);
        WitnessMetrics.STATE_BYTES.labels(in.monitor).observe(updated.length);
    }
}
