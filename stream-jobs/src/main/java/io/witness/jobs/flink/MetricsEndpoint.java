package io.witness.jobs.flink;

import io.witness.jobs.config.JobSettings;
import io.witness.jobs.metrics.WitnessMetrics;
import org.apache.flink.api.common.functions.RuntimeContext;

/** The witness_ metrics endpoint of the JVM a task runs in (job.metrics-port: the first free port of the range). */
final class MetricsEndpoint {
    private static final String RELEASE_HOOK = "witness-metrics-endpoint";

    private MetricsEndpoint() {
    }

    static void open(RuntimeContext context, JobSettings job) {
        WitnessMetrics.ensureServer("0.0.0.0", job.metricsPorts());
        // On a cluster each job's classes (and so its WitnessMetrics and endpoint) live in the job's own
        // user-code class loader: close the endpoint when Flink releases that loader, so the port is free for
        // the next job (a resubmission after a savepoint). Where Witness runs from the application class path
        // (run, demo, tests) the endpoint belongs to the process and stays.
        if (WitnessMetrics.class.getClassLoader() != ClassLoader.getSystemClassLoader()) {
            context.registerUserCodeClassLoaderReleaseHookIfAbsent(RELEASE_HOOK, WitnessMetrics::stopServer);
        }
    }
}
