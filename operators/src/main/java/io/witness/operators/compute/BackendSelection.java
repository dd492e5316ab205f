package io.witness.operators.compute;

/**
 * The backend chosen at start-up and why, e.g. {@code "auto: no CUDA (UnsatisfiedLinkError: …); using
 * cpu: 2 threads, double, JIT-vectorised loops"}: the line to log and to put in
 * {@code witness_backend_info}.
 */
public record BackendSelection(ComputeBackend backend, String reason) {

    public BackendSelection {
        if (backend == null || reason == null) {
            throw new IllegalArgumentException("backend and reason are required");
        }
    }
}
