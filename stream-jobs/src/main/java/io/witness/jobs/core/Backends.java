package io.witness.jobs.core;

import io.witness.jobs.config.ComputeSettings;
import io.witness.jobs.config.ConfigException;
import io.witness.jobs.metrics.WitnessMetrics;
import io.witness.operators.compute.BackendMode;
import io.witness.operators.compute.BackendSelection;
import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.compute.ComputeBackends;
import io.witness.operators.compute.Precision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The job's compute backend: selected once per JVM and precision ({@link ComputeBackends#shared}:
 * {@code auto} probes for a GPU once, catches everything and falls back to the CPU), announced once in
 * the log with the reason, and in {@code witness_backend_info}.
 */
public final class Backends {
    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);
    private static final Set<String> ANNOUNCED = new HashSet<>();

    private Backends() {
    }

    /**
     * Selects the configured backend now (start-up: the log says at once what runs the job) and returns
     * the backend for any precision a method asks for.
     */
    public static Function<Precision, ComputeBackend> forJob(ComputeSettings settings) {
        select(settings.backend(), settings.precision());
        return p -> select(settings.backend(), p);
    }

    /**
     * The shared backend for a mode ({@code auto}, {@code cpu}, {@code cuda}) and precision.
     *
     * @throws ConfigException (one line) when {@code cuda} is asked for and no usable device answers
     */
    public static ComputeBackend select(String mode, Precision precision) {
        BackendSelection s;
        try {
            s = ComputeBackends.shared(BackendMode.parse(mode), precision);
        } catch (IllegalStateException e) {
            throw new ConfigException("job: field 'backend': " + e.getMessage());
        }
        ComputeBackend b = s.backend();
        synchronized (ANNOUNCED) {
            if (ANNOUNCED.add(mode + "/" + precision)) {
                LOG.info("compute backend: {} ({}) for job.backend = {}, precision {}: {}", b.name(), b.description(),
                        mode, precision.name().toLowerCase(Locale.ROOT), s.reason());
                WitnessMetrics.BACKEND_INFO.labels(b.name()).set(1);
            }
        }
        return b;
    }
}
