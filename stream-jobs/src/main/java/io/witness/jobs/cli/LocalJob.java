package io.witness.jobs.cli;

import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.core.Backends;
import io.witness.jobs.flink.WitnessJob;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/** Runs the job on an embedded Flink MiniCluster with RocksDB state and checkpoints under one folder. */
public final class LocalJob {
    private static final Logger LOG = LoggerFactory.getLogger(LocalJob.class);

    private LocalJob() {
    }

    /** The config with checkpoints and RocksDB files under {@code dataDir}, where it names no locations of its own. */
    public static WitnessConfig withDataDir(WitnessConfig c, Path dataDir) {
        if (c.job().checkpointDir() != null && c.job().stateDir() != null) {
            return c;
        }
        return c.withJob(c.job().withStateLocations(
                c.job().checkpointDir() != null ? c.job().checkpointDir() : dataDir.resolve("checkpoints").toUri().toString(),
                c.job().stateDir() != null ? c.job().stateDir() : dataDir.resolve("rocksdb").toString()));
    }

    /**
     * @param dataDir  holds {@code checkpoints/} and {@code rocksdb/} unless the config names its own
     * @param restore  a checkpoint or savepoint path to resume from, or null
     */
    public static JobClient start(WitnessConfig config, Path dataDir, String restore) throws Exception {
        return start(config, dataDir, restore, 0);
    }

    /**
     * @param flinkMetricsPort port of Flink's own Prometheus reporter (checkpoint, restart and Kafka source
     *                         metrics, as on a cluster), or 0 for none. Flink binds it on all interfaces.
     */
    public static JobClient start(WitnessConfig config, Path dataDir, String restore, int flinkMetricsPort) throws Exception {
        WitnessConfig c = withDataDir(config, dataDir);
        // the backend is chosen here once for this JVM (the MiniCluster's): `cuda` without a device is a
        // one-line error now, not a job that fails in every restart
        Backends.select(c.job().compute().backend(), c.job().compute().precision());
        Configuration flink = WitnessJob.flinkConfiguration(c);
        if (flinkMetricsPort > 0) {
            WitnessJob.addPrometheusReporter(flink, flinkMetricsPort);
        }
        if (restore != null) {
            flink.setString("execution.state-recovery.path", restore);
            LOG.info("restoring from {}. The Kafka sink now commits the transactions this checkpoint holds; one "
                    + "that the previous attempt had already committed is refused with \"producer is already fenced "
                    + "... most likely signals data loss\" (logged at INFO by witness.jar's log config): that is the "
                    + "expected fencing of the previous attempt, nothing is lost", restore);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(c.job().parallelism(), flink);
        WitnessJob.build(env, c);
        return env.executeAsync(c.job().name());
    }
}
