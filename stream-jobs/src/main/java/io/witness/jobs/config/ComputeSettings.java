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
 * @param stateCacheBytes heap budget of the monitor operator's keyed-state cache per subtask
 *                        ({@code job.state-cache}): {@link #STATE_CACHE_AUTO}, 0 = off, or bytes
 */
public record ComputeSettings(String backend, Precision precision, int batchMaxItems, Duration batchMaxDelay,
                              long stateCacheBytes) implements Serializable {

    public static final String AUTO = "auto";
    public static final String CPU = "cpu";
    public static final String CUDA = "cuda";
    public static final int DEFAULT_BATCH_MAX_ITEMS = 256;
    public static final Duration DEFAULT_BATCH_MAX_DELAY = Duration.ofMillis(50);
    public static final int MAX_BATCH_ITEMS = 100_000;
    public static final Duration MAX_BATCH_DELAY = Duration.ofMinutes(10);

    /** {@code job.state-cache: auto}: {@value #STATE_CACHE_HEAP_SHARE_PERCENT} % of the JVM's heap, shared by its task slots. */
    public static final long STATE_CACHE_AUTO = -1;
    public static final int STATE_CACHE_HEAP_SHARE_PERCENT = 25;

    /** Settings with the default keyed-state cache ({@code auto}). */
    public ComputeSettings(String backend, Precision precision, int batchMaxItems, Duration batchMaxDelay) {
        this(backend, precision, batchMaxItems, batchMaxDelay, STATE_CACHE_AUTO);
    }

    public static ComputeSettings defaults() {
        return new ComputeSettings(AUTO, Precision.DOUBLE, DEFAULT_BATCH_MAX_ITEMS, DEFAULT_BATCH_MAX_DELAY);
    }

    /**
     * The cache budget of one monitor-operator subtask: the configured bytes, or for {@code auto}
     * {@value #STATE_CACHE_HEAP_SHARE_PERCENT} % of {@code maxHeapBytes} divided by the task slots that share
     * the JVM; 0 = no cache.
     */
    public long stateCacheBudget(long maxHeapBytes, int slotsInJvm) {
        if (stateCacheBytes != STATE_CACHE_AUTO) {
            return stateCacheBytes;
        }
        return maxHeapBytes / Math.max(1, slotsInJvm) * STATE_CACHE_HEAP_SHARE_PERCENT / 100;
    }

    /**
     * Parses {@code job.state-cache}: {@code auto}, {@code off} (or 0), or a size in bytes with an optional
     * kb/mb/gb suffix (powers of 1024).
     *
     * @throws IllegalArgumentException with a one-line message
     */
    public static long stateCacheSize(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT).replace("_", "");
        if (v.equals(AUTO)) {
            return STATE_CACHE_AUTO;
        }
        if (v.equals("off") || v.equals("false")) {   // YAML may read a bare off as false
            return 0;
        }
        long mult = v.endsWith("kb") ? 1L << 10 : v.endsWith("mb") ? 1L << 20 : v.endsWith("gb") ? 1L << 30 : 1;
        String digits = mult == 1 ? v : v.substring(0, v.length() - 2).trim();
        try {
            long n = Long.parseLong(digits);
            if (n >= 0 && n <= (1L << 50) / mult) {
                return n * mult;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("must be auto, off, or a size such as 512mb, got '" + value + "'");
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
        return new ComputeSettings(backendMode(mode), precision, batchMaxItems, batchMaxDelay, stateCacheBytes);
    }

    public ComputeSettings withBatch(int maxItems, Duration maxDelay) {
        return new ComputeSettings(backend, precision, maxItems, maxDelay, stateCacheBytes);
    }

    public ComputeSettings withStateCache(long bytes) {
        return new ComputeSettings(backend, precision, batchMaxItems, batchMaxDelay, bytes);
    }
}
