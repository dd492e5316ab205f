package io.witness.jobs.cli;

import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.flink.RetainedCheckpoints;
import io.witness.jobs.flink.WitnessJob;
import io.witness.jobs.live.LiveFeed;
import io.witness.jobs.live.LivePage;
import io.witness.jobs.live.LiveState;
import io.witness.jobs.metrics.WitnessMetrics;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the monitors of a config against your Kafka, on an embedded Flink MiniCluster with RocksDB "
                + "state and exactly-once output. For a Flink cluster, submit witness-cluster.jar instead.")
public final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Mixin
    BackendOption backendOption;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "witness-data",
            description = "Checkpoints and RocksDB files (unless the config sets job.checkpoint-dir / job.state-dir). Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--restore", paramLabel = "PATH", description = {"Resume from this checkpoint or savepoint (e.g. "
            + "witness-data/checkpoints/<job>/chk-42) instead of the newest one in --data-dir."})
    String restore;

    @Option(names = "--fresh", description = {"Start with empty models (from the consumer group's committed offsets) "
            + "instead of resuming from the newest checkpoint in --data-dir; the checkpoints there are left in place "
            + "and never resumed from by themselves again."})
    boolean fresh;

    @Option(names = "--metrics-port", paramLabel = "PORT", description = "Overrides job.metrics-port (0 = no endpoint).")
    Integer metricsPort;

    @Option(names = "--ui-port", paramLabel = "PORT",
            description = "Serve the live page (evidence charts, open alerts) on this port, fed from the evidence and alert topics. Off by default.")
    Integer uiPort;

    @Option(names = "--ui-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Interface of the live page (0.0.0.0 = all; the page shows keys and values). Default: ${DEFAULT-VALUE}.")
    String uiHost;

    @Option(names = "--flink-metrics-port", paramLabel = "PORT",
            description = "Serve Flink's own Prometheus metrics (checkpoints, restarts, Kafka source lag) on this port, on all interfaces. Off by default.")
    Integer flinkMetricsPort;

    @Override
    public Integer call() throws Exception {
        if (fresh && restore != null) {
            throw new WitnessCli.UserError("--fresh and --restore exclude each other");
        }
        Path data = dataDir.toAbsolutePath();
        WitnessConfig c = LocalJob.withDataDir(backendOption.apply(options.load()), data);
        if (metricsPort != null) {
            c = c.withJob(c.job().withMetricsPort(metricsPort));
        }
        try (DataDirLock lock = DataDirLock.acquire(data)) {
            return run(c, data);
        }
    }

    private int run(WitnessConfig c, Path data) throws Exception {
        String checkpointDir = c.job().checkpointDir();
        ResumePoint from = ResumePoint.choose(RetainedCheckpoints.scan(checkpointDir), checkpointDir, restore, fresh,
                System.out);
        warnIfTransactionsTimedOut(c, from);
        int port = WitnessMetrics.ensureServer("0.0.0.0", c.job().metricsPorts());
        if (port > 0) {
            System.out.println("witness metrics: http://127.0.0.1:" + port + "/metrics");
        }
        if (flinkMetricsPort != null && flinkMetricsPort > 0) {
            System.out.println("witness: Flink's own metrics at http://127.0.0.1:" + flinkMetricsPort + "/metrics");
        }
        if (uiPort != null && uiPort > 0) {
            LiveState live = new LiveState(c);
            LivePage page = LivePage.start(uiHost, uiPort, live);
            Thread feed = new Thread(new LiveFeed(c, live), "witness-live-feed");
            feed.setDaemon(true);
            feed.start();
            System.out.println("witness: live page at " + page.url());
        }
        JobClient job = LocalJob.start(c, data, from.path(), flinkMetricsPort == null ? 0 : flinkMetricsPort);
        System.out.println("witness: job " + job.getJobID() + " running " + c.monitors().size()
                + " monitor(s) on " + c.kafka().bootstrapServers() + "; Ctrl-C stops it (checkpoints stay in "
                + checkpointDir + ", and the same command resumes from the newest)");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                job.cancel().get();
            } catch (Exception ignored) {
                // the JVM is going down; the latest checkpoint is what a restart resumes from
            }
        }, "witness-shutdown"));
        job.getJobExecutionResult().get();
        // Ended by itself (job.stop-at-latest). Flink keeps no checkpoint of a finished job, so the ones left
        // here are older than its committed outputs: resuming from them would commit those outputs twice.
        RetainedCheckpoints.scan(checkpointDir).supersedeAllBut(null, "job " + job.getJobID() + " finished");
        System.out.println("witness: job " + job.getJobID() + " finished: every source reached the offsets that were "
                + "latest when this run's chain of restarts began; the next run starts " + ResumePoint.EMPTY_STATE);
        return 0;
    }

    /**
     * The sink's open transactions of a checkpoint are committed by the run that restores it; the broker aborts
     * them after transaction.timeout.ms. A restore later than that may miss the outputs the previous attempt
     * had not committed yet (those of its last checkpoint interval, if it died between the checkpoint and the commit).
     */
    private static void warnIfTransactionsTimedOut(WitnessConfig c, ResumePoint from) {
        if (from.checkpoint() == null) {
            return;
        }
        long age = System.currentTimeMillis() - from.checkpoint().completedAtMillis();
        long timeout = WitnessJob.transactionTimeoutMillis(c);
        if (age > timeout) {
            System.out.println("witness: WARNING: " + from.checkpoint().describe() + " is " + age / 1000 + " s old, "
                    + "more than the sink's transaction.timeout.ms (" + timeout + " ms): if the previous run died "
                    + "between that checkpoint and its commit, the broker has aborted those outputs and they are "
                    + "lost; here \"producer is already fenced\" may mean exactly that");
        }
    }
}
