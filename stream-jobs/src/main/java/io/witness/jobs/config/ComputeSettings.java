package io.witness.jobs.config;

import io.witness.operators.compute.Precision;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;

/**
 * How the monitor operator batches work and which compute backend runs it (README, "Configuration
 * reference", {@code job}).
 *
 * @param backend         {@code auto}, {@code cpu} or {@code cuda} ({@code job.backend})
 * @param precision       arithmetic of the backend's batched work ({@code job.backend-precision}); work that
 *                        feeds a decision statistic stays in double whatever this says
 * @param batchMaxItems   observations buffered before a flush ({@code job.batch.max-items}); 1 = no batching
 * @param batchMaxDelay   longest an observation waits in the buffer, processing time ({@code job.batch.max-delay})
 */
public record ComputeSettings(String backend, Precision precision, int batchMaxItems, Duration batchMaxDelay)
        implements Serializable {

    public static final String AUTO = "auto";
    public static final String CPU = "cpu";
    public static final String CUDA = "cuda";
    public static final int DEFAULT_BATCH_MAX_ITEMS = 256;
    public static final Duration DEFAULT_BATCH_MAX_DELAY = Duration.ofMillis(50);
    public static final int MAX_BATCH_ITEMS = 100_000;
    public static final Duration MAX_BATCH_DELAY = Duration.ofMinutes(10);

    public static ComputeSettings defaults() {
        return new ComputeSettings(AUTO, Precision.DOUBLE, DEFAULT_BATCH_MAX_ITEMS, DEFAULT_BATCH_MAX_DELAY);
    }

    /** True when observations are processed one at a time, as they arrive (max-items 1). */
    public boolean unbatched() {
        return batchMaxItems == 1;
    }

    /** @throws IllegalArgumentException with a one-line message for anything but auto, cpu or cuda */
    public static String backendMode(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!v.equals(AUTO) && !v.equals(CPU) && !v.equals(CUDA)) {
            throw new IllegalArgumentException("must be one of [auto, cpu, cuda], got '" + value + "'");
        }
        return v;
    }

    public ComputeSettings withBackend(String mode) {
        return new ComputeSettings(backendMode(mode), precision, batchMaxItems, batchMaxDelay);
    }

    public ComputeSettings withBatch(int maxItems, Duration maxDelay) {
        return new ComputeSettings(backend, precision, maxItems, maxDelay);
    }
}
