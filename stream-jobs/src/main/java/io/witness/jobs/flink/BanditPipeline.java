package io.witness.jobs.flink;

import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.core.BanditInput;
import io.witness.jobs.core.OutRecord;
import io.witness.jobs.core.RawRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;

/**
 * The bandit service's part of the job graph: the bandits' request and feedback topics → decode +
 * validate → event-time watermarks (they drive the feedback deadlines) → keyBy (bandit, key) →
 * {@link BanditFunction}. Its decisions and dead letters join the job's one exactly-once Kafka sink.
 * Operator uids are part of the savepoint contract: never change them.
 */
final class BanditPipeline {
    private BanditPipeline() {
    }

    /** The bandits' output stream, or null when the configuration has no bandit. */
    static DataStream<OutRecord> build(StreamExecutionEnvironment env, WitnessConfig config) {
        if (config.bandits().isEmpty()) {
            return null;
        }
        DataStream<RawRecord> raw = null;
        for (String topic : config.banditTopics()) {
            DataStream<RawRecord> s = env.fromSource(WitnessJob.source(config, topic), WatermarkStrategy.noWatermarks(),
                    "kafka: " + topic).uid("source-" + topic);
            raw = raw == null ? s : raw.union(s);
        }
        SingleOutputStreamOperator<BanditInput> decoded = raw
                .process(new BanditDecodeFunction(config), TypeInformation.of(BanditInput.class))
                .name("bandits: decode + validate").uid("bandit-decode");
        DataStream<OutRecord> deadLetters = decoded.getSideOutput(DecodeFunction.DEAD_LETTERS);
        Duration lateness = config.job().allowedLateness();
        DataStream<OutRecord> decided = decoded
                .assignTimestampsAndWatermarks(WatermarkStrategy.<BanditInput>forBoundedOutOfOrderness(lateness)
                        .withTimestampAssigner((in, ts) -> in.time)
                        .withIdleness(Duration.ofMinutes(1)))
                .name("bandits: event-time watermarks").uid("bandit-watermarks")
                .keyBy(BanditInput::routingKey)
                .process(new BanditFunction(config), TypeInformation.of(OutRecord.class))
                .name("bandits").uid("bandit-state");
        return decided.union(deadLetters);
    }
}
