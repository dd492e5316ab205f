package io.witness.jobs;

import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.ConfigException;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.flink.WitnessJob;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Main class of witness-cluster.jar, for {@code flink run witness-cluster.jar --config /path/monitors.yaml}.
 * The cluster supplies the state backend and checkpoint storage (configure RocksDB there); the
 * checkpoint interval of the config is applied unless the cluster already sets one. Parallelism is
 * Flink's to decide ({@code flink run -p}, the REST API's {@code parallelism}, {@code parallelism.default}
 * of the cluster, the Kubernetes operator's {@code job.parallelism}); the config's {@code job.parallelism}
 * applies only when none of them is set.
 */
public final class ClusterEntryPoint {
    private ClusterEntryPoint() {
    }

    /**
     * The config with the parallelism Flink was given, if it was given one: {@code flink run -p}, the REST
     * API's {@code parallelism}, the Kubernetes operator's {@code job.parallelism} and the cluster's
     * {@code parallelism.default} all arrive as {@code parallelism.default}; otherwise the config's own.
     */
    static WitnessConfig withFlinksParallelism(ReadableConfig flink, WitnessConfig wc) {
        Optional<Integer> p = flink.getOptional(CoreOptions.DEFAULT_PARALLELISM);
        return p.isPresent() && p.get() > 0 ? wc.withJob(wc.job().withParallelism(p.get())) : wc;
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
        boolean fromFlink = env.getConfiguration().getOptional(CoreOptions.DEFAULT_PARALLELISM).filter(p -> p > 0).isPresent();
        wc = withFlinksParallelism(env.getConfiguration(), wc);
        System.out.printf("witness: job '%s', parallelism %d (%s)%n", wc.job().name(), wc.job().parallelism(),
                fromFlink ? "Flink's parallelism.default / -p / the submission's parallelism"
                        : "the config's job.parallelism: nothing set on the Flink side");
        if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
            env.enableCheckpointing(wc.job().checkpointInterval().toMillis());
        }
        WitnessJob.build(env, wc);
        env.execute(wc.job().name());
    }
}
