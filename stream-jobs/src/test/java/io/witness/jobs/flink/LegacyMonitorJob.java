package io.witness.jobs.flink;

import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.core.BoundMonitor;
import io.witness.jobs.core.KeyedMonitorProcessor;
import io.witness.jobs.core.KeyedState;
import io.witness.jobs.core.LegacyEnvelope;
import io.witness.jobs.core.MonitorInput;
import io.witness.jobs.core.OutRecord;
import io.witness.jobs.core.RawRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The job as it was before micro-batching, for the savepoint-compatibility test: the same sources,
 * decode, watermarks and sink, and the monitor step as the {@code KeyedProcessFunction} it used to be
 * (uid {@code monitor-state}, value state {@value MonitorOperator#STATE_NAME} of byte arrays, one state
 * read and write per event) — so its checkpoints are what deployed jobs have written.
 */
public final class LegacyMonitorJob {
    private LegacyMonitorJob() {
    }

    /** Like {@code LocalJob.start}: RocksDB state and checkpoints under {@code dataDir}. */
    public static JobClient start(WitnessConfig config, Path dataDir) throws Exception {
        WitnessConfig c = config.withJob(config.job().withStateLocations(
                dataDir.resolve("checkpoints").toUri().toString(), dataDir.resolve("rocksdb").toString()));
        Configuration flink = WitnessJob.flinkConfiguration(c);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(c.job().parallelism(), flink);
        env.setParallelism(c.job().parallelism());
        DataStream<RawRecord> raw = null;
        for (String topic : c.sourceTopics()) {
            DataStream<RawRecord> s = env.fromSource(WitnessJob.source(c, topic), WatermarkStrategy.noWatermarks(),
                    "kafka: " + topic).uid("source-" + topic);
            raw = raw == null ? s : raw.union(s);
        }
        SingleOutputStreamOperator<MonitorInput> validated = raw
                .process(new DecodeFunction(c), TypeInformation.of(MonitorInput.class)).name("decode + validate").uid("decode");
        DataStream<OutRecord> dead = validated.getSideOutput(DecodeFunction.DEAD_LETTERS);
        DataStream<MonitorInput> decoded = validated
                .assignTimestampsAndWatermarks(WatermarkStrategy.<MonitorInput>forBoundedOutOfOrderness(c.job().allowedLateness())
                        .withTimestampAssigner((in, ts) -> in.time).withIdleness(Duration.ofMinutes(1)))
                .name("event-time watermarks").uid("watermarks");
        decoded.keyBy(MonitorInput::routingKey)
                .process(new Function(c), TypeInformation.of(OutRecord.class)).name("monitors").uid("monitor-state")
                .union(dead)
                .sinkTo(WitnessJob.sink(c)).name("kafka: alerts, evidence, dead letters").uid("kafka-sink");
        return env.executeAsync(c.job().name());
    }

    /** The monitor step as it was: state read, processed and written back on every event. */
    static final class Function extends KeyedProcessFunction<String, MonitorInput, OutRecord> {
        private static final long serialVersionUID = 1L;
        private final WitnessConfig config;
        private transient ValueState<byte[]> state;
        private transient Map<String, KeyedMonitorProcessor> processors;
        private transient CollectingSink sink;

        Function(WitnessConfig config) {
            this.config = config;
        }

        @Override
        public void open(OpenContext context) {
            state = getRuntimeContext().getState(new ValueStateDescriptor<>(MonitorOperator.STATE_NAME,
                    PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
            processors = new HashMap<>();
            BoundMonitor.bindAll(config).forEach((id, b) -> processors.put(id, new KeyedMonitorProcessor(b, config.job())));
            sink = new CollectingSink();
        }

        @Override
        public void processElement(MonitorInput in, Context ctx, Collector<OutRecord> out) throws Exception {
            KeyedMonitorProcessor p = processors.get(in.monitor);
            byte[] bytes = state.value();
            KeyedState st = bytes == null ? KeyedState.fresh()
                    : KeyedState.fromBytes(bytes, p.bound().factory(), p.dedupeWindow());
            p.process(st, in, sink.to(out::collect));
            state.update(LegacyEnvelope.v1(p.store(st)));   // as deployed jobs wrote it: envelope version 1
        }
    }
}
