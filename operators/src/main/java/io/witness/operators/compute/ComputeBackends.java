package io.witness.operators.compute;

import io.witness.operators.compute.cpu.CpuBackend;
import io.witness.operators.compute.cuda.CudaBackend;
import io.witness.operators.compute.cuda.CudaProbe;
import java.util.EnumMap;
import java.util.Map;

/**
 * Chooses the compute backend at start-up. {@link #shared} gives every operator of a JVM (a Flink
 * TaskManager) the same instance per (mode, precision), so they share one CPU thread pool and one CUDA
 * context; {@link #create} makes a private one the caller closes.
 *
 * <p>{@code auto} probes CUDA once per JVM ({@link CudaProbe}), catching everything, and falls back to
 * the CPU; {@code cuda} fails with the probe's reason when no usable device exists. The CPU backend uses
 * all cores unless the system property {@value #THREADS_PROPERTY} says otherwise.
 */
public final class ComputeBackends {

    /** System property: threads of the CPU backend (default: available processors). */
    public static final String THREADS_PROPERTY = "witness.compute.threads";

    private static final Map<BackendMode, Map<Precision, BackendSelection>> SHARED = new EnumMap<>(BackendMode.class);

    private ComputeBackends() {
    }

    /**
     * The JVM-wide backend for this mode and precision, chosen on the first call. Its {@code close()}
     * does nothing.
     *
     * @throws IllegalStateException for {@link BackendMode#CUDA} without a usable device
     */
    public static synchronized BackendSelection shared(BackendMode mode, Precision precision) {
        Map<Precision, BackendSelection> byPrecision = SHARED.computeIfAbsent(mode, x -> new EnumMap<>(Precision.class));
        BackendSelection s = byPrecision.get(precision);
        if (s == null) {
            BackendSelection fresh = create(mode, precision, defaultThreads());
            s = new BackendSelection(new SharedBackend(fresh.backend()), fresh.reason());
            byPrecision.put(precision, s);
        }
        return s;
    }

    /**
     * A new backend the caller owns (and closes).
     *
     * @param cpuThreads threads of the CPU backend if it is the one chosen
     * @throws IllegalStateException for {@link BackendMode#CUDA} without a usable device
     */
    public static BackendSelection create(BackendMode mode, Precision precision, int cpuThreads) {
        if (mode == null || precision == null) {
            throw new IllegalArgumentException("mode and precision are required");
        }
        switch (mode) {
            case CPU -> {
                CpuBackend cpu = new CpuBackend(cpuThreads, precision);
                return new BackendSelection(cpu, "cpu requested; using " + cpu.description());
            }
            case CUDA -> {
                CudaProbe.Result probe = CudaProbe.result();
                if (!probe.available()) {
                    throw new IllegalStateException("compute backend 'cuda' requested but no usable CUDA device: "
                            + probe.reason() + " (use 'auto' to fall back to the CPU)");
                }
                try {
                    ComputeBackend cuda = openCuda(precision);
                    return new BackendSelection(cuda, "cuda requested; using " + cuda.description());
                } catch (Throwable t) {
                    throw new IllegalStateException("compute backend 'cuda' requested but it failed to start on "
                            + probe.reason() + ": " + describe(t), t);
                }
            }
            case AUTO -> {
                CudaProbe.Result probe = CudaProbe.result();
                String why;
                if (probe.available()) {
                    try {
                        ComputeBackend cuda = openCuda(precision);
                        return new BackendSelection(cuda, "auto: CUDA " + probe.reason() + "; using " + cuda.description());
                    } catch (Throwable t) {
                        why = "CUDA " + probe.reason() + " failed to start (" + describe(t) + ")";
                    }
                } else {
                    why = "no CUDA (" + probe.reason() + ")";
                }
                CpuBackend cpu = new CpuBackend(cpuThreads, precision);
                return new BackendSelection(cpu, "auto: " + why + "; using " + cpu.description());
            }
            default -> throw new IllegalStateException("unhandled mode " + mode);
        }
    }

    private static ComputeBackend openCuda(Precision precision) {
        return new CudaBackend(precision);
    }

    /** The CPU backend's default thread count: {@value #THREADS_PROPERTY}, else every core. */
    public static int defaultThreads() {
        String p = System.getProperty(THREADS_PROPERTY);
        if (p != null && !p.isBlank()) {
            try {
                int t = Integer.parseInt(p.trim());
                if (t >= 1) {
                    return t;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the default
            }
            throw new IllegalArgumentException(THREADS_PROPERTY + " must be an integer >= 1, got '" + p + "'");
        }
        return Runtime.getRuntime().availableProcessors();
    }

    private static String describe(Throwable t) {
        return CudaProbe.describe(t);
    }
}
