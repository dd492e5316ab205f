package io.witness.jobs;

import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.ConfigException;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.flink.WitnessJob;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;

/**
 * Main class of witness-cluster.jar, for {@code flink run witness-cluster.jar --config /path/monitors.yaml}.
 * The cluster supplies the state backend and checkpoint storage (configure RocksDB there); the
 * checkpoint interval of the config is applied unless the cluster already sets one.
 */
public final class ClusterEntryPoint {
    private ClusterEntryPoint() {
    }

    public static void main(String[] args) throws Exception {
        Path config = null;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--config")) {
                config = Path.of(args[i + 1]);
            }
        }
        if (config == null) {
            System.err.println("usage: flink run witness-cluster.jar --config /path/to/monitors.yaml");
            System.exit(2);
        }
        WitnessConfig wc;
        try {
            wc = ConfigLoader.load(config);
        } catch (ConfigException e) {
            System.err.println("witness: " + e.getMessage());
            System.exit(2);
            return;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
            env.enableCheckpointing(wc.job().checkpointInterval().toMillis());
        }
        WitnessJob.build(env, wc);
        env.execute(wc.job().name());
    }
}
