package io.witness.jobs.flink;

import io.witness.jobs.config.ComputeSettings;
import io.witness.operators.monitor.Durations;
import io.witness.jobs.config.KafkaSettings;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.core.MonitorBinder;
import io.witness.jobs.core.MonitorInput;
import io.witness.jobs.core.OutRecord;
import io.witness.jobs.core.RawRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Properties;

/**
 * Assembles the job: Kafka sources → decode + validate → keyBy (monitor, key) → monitor operator
 * (RocksDB keyed state, micro-batches) → one exactly-once Kafka sink for evidence, alerts and dead letters.
 * Operator uids are part of the savepoint contract: never change them.
 */
public final class WitnessJob {
    private static final Logger LOG = LoggerFactory.getLogger(WitnessJob.class);
    /** Kafka transactions must outlive a checkpoint; the broker caps them at transaction.max.timeout.ms (15 min by default). */
    static final String DEFAULT_TRANSACTION_TIMEOUT_MS = "600000";

    private WitnessJob() {
    }

    /** Adds the pipeline to an environment; the caller executes it. */
    public static void build(StreamExecutionEnvironment env, WitnessConfig config) {
        LOG.info("building job '{}' with {} monitor(s) and {} bandit(s) on {} (client properties {})", config.job().name(),
                config.monitors().size(), config.bandits().size(), config.kafka().bootstrapServers(),
                config.kafka().maskedProperties());
        env.setParallelism(config.job().parallelism());

        DataStream<OutRecord> out = config.monitors().isEmpty() ? null : monitors(env, config);
        DataStream<OutRecord> bandits = BanditPipeline.build(env, config);
        out = out == null ? bandits : bandits == null ? out : out.union(bandits);
        out.sinkTo(sink(config))
                .name("kafka: alerts, evidence, dead letters").uid("kafka-sink");
    }

    /** The monitors' part: sources → decode → watermarks → keyed monitor operator; with the decode dead letters. */
    private static DataStream<OutRecord> monitors(StreamExecutionEnvironment env, WitnessConfig config) {
        DataStream<RawRecord> raw = null;
        for (String topic : config.sourceTopics()) {
            DataStream<RawRecord> s = env.fromSource(source(config, topic), WatermarkStrategy.noWatermarks(),
                            "kafka: " + topic)
                    .uid("source-" + topic);
            raw = raw == null ? s : raw.union(s);
        }

        return pipeline(raw, config);
    }

    /**
     * Everything between the sources and the sink: decode + validate, watermarks, keyBy (monitor, key),
     * the monitor operator; returns its outputs together with the decode dead letters. {@code witness
     * bench} runs this same part between its generator and its latency sink.
     */
    public static DataStream<OutRecord> pipeline(DataStream<RawRecord> raw, WitnessConfig config) {
        return pipeline(raw, config, MonitorBinder.DEFAULT);
    }

    /** {@link #pipeline(DataStream, WitnessConfig)} with the monitors bound by {@code binder}. */
    public static DataStream<OutRecord> pipeline(DataStream<RawRecord> raw, WitnessConfig config, MonitorBinder binder) {
        Duration lateness = config.job().allowedLateness();
        SingleOutputStreamOperator<MonitorInput> validated = raw
                .process(new DecodeFunction(config), TypeInformation.of(MonitorInput.class))
                .name("decode + validate").uid("decode");
        // The dead letters are a side output of the decode operator itself: taken from the watermark
        // operator below (a different operator, which emits no side output) they were silently lost.
        DataStream<OutRecord> decodeDeadLetters = validated.getSideOutput(DecodeFunction.DEAD_LETTERS);
        DataStream<MonitorInput> decoded = validated
                // Watermarks follow event time with the allowed lateness as out-of-orderness bound; they
                // drive Flink's event-time view (metrics, future timers). LATE itself is decided per key in
                // KeyedMonitorProcessor so that replay and streaming agree exactly.
                .assignTimestampsAndWatermarks(WatermarkStrategy.<MonitorInput>forBoundedOutOfOrderness(lateness)
                        .withTimestampAssigner((in, ts) -> in.time)
                        .withIdleness(Duration.ofMinutes(1)))
                .name("event-time watermarks").uid("watermarks");

        ComputeSettings compute = config.job().compute();
        DataStream<OutRecord> monitored = decoded
                .keyBy(MonitorInput::routingKey)
                .transform(compute.unbatched() ? "monitors"
                                : "monitors (micro-batches of " + compute.batchMaxItems() + " / "
                                + Durations.format(compute.batchMaxDelay()) + ")",
                        TypeInformation.of(OutRecord.class), new MonitorOperator(config, binder))
                .uid("monitor-state");

        return monitored.union(decodeDeadLetters);
    }

    /**
     * The Kafka source of one topic. With {@code job.stop-at-latest} it is bounded by the offsets that were
     * latest when the run first started (they travel in the checkpointed splits) and wrapped so that it also
     * ends after a restore ({@link FinishingBoundedSource}, FLINK-33466).
     */
    static Source<RawRecord, ?, ?> source(WitnessConfig config, String topic) {
        KafkaSettings k = config.kafka();
        Properties props = new Properties();
        props.putAll(k.properties());
        props.putIfAbsent("isolation.level", "read_committed");
        OffsetResetStrategy reset = config.job().startFrom().equals("latest")
                ? OffsetResetStrategy.LATEST : OffsetResetStrategy.EARLIEST;
        KafkaSourceBuilder<RawRecord> b = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(k.bootstrapServers())
                .setTopics(topic)
                .setGroupId(config.job().consumerGroup())
                .setProperties(props)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(reset))
                .setDeserializer(new RawRecordDeserializer());
        if (!config.job().stopAtLatest()) {
            return b.build();
        }
        b.setBounded(OffsetsInitializer.latest());
        return new FinishingBoundedSource<>(b.build(), "kafka: " + topic);
    }

    /** The sink's transaction timeout: how long after a checkpoint its uncommitted outputs can still be committed. */
    public static long transactionTimeoutMillis(WitnessConfig config) {
        return Long.parseLong(config.kafka().properties().getOrDefault("transaction.timeout.ms",
                DEFAULT_TRANSACTION_TIMEOUT_MS).trim());
    }

    static KafkaSink<OutRecord> sink(WitnessConfig config) {
        KafkaSettings k = config.kafka();
        Properties props = new Properties();
        props.putAll(k.properties());
        props.putIfAbsent("transaction.timeout.ms", DEFAULT_TRANSACTION_TIMEOUT_MS);
        return KafkaSink.<OutRecord>builder()
                .setBootstrapServers(k.bootstrapServers())
                .setKafkaProducerConfig(props)
                .setRecordSerializer(new OutRecordSerializer())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(config.job().transactionalIdPrefix())
                .build();
    }

    /**
     * Flink's own Prometheus reporter (the same settings as deploy/flink on a cluster): checkpoint, restart
     * and Kafka source metrics with the {@code flink_} prefix, which the rules in deploy/prometheus use.
     */
    public static void addPrometheusReporter(Configuration c, int port) {
        c.setString("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        c.setString("metrics.reporter.prom.port", String.valueOf(port));
    }

    /**
     * Flink settings for a job Witness starts itself (demo, run on the embedded MiniCluster, tests):
     * RocksDB keyed state with {@link RocksDbSettings}, incremental checkpoints on local or durable storage.
     */
    public static Configuration flinkConfiguration(WitnessConfig config) {
        Configuration c = new Configuration();
        c.setString("state.backend.type", "rocksdb");
        RocksDbSettings.apply(c);
        c.setString("execution.checkpointing.incremental", "true");
        c.setString("execution.checkpointing.interval", config.job().checkpointInterval().toMillis() + " ms");
        c.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
        c.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        c.setString("pipeline.generic-types", "false");   // fail fast instead of silently using Kryo
        if (config.job().checkpointDir() != null) {
            c.setString("execution.checkpointing.storage", "filesystem");
            c.setString("execution.checkpointing.dir", config.job().checkpointDir());
        }
        if (config.job().stateDir() != null) {
            c.setString("state.backend.rocksdb.localdir", config.job().stateDir());
        }
        c.setString("rest.bind-address", "127.0.0.1");
        c.setString("rest.address", "127.0.0.1");
        return c;
    }
}
