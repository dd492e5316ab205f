package io.witness.benchmarks.compute;

import io.witness.operators.compute.BackendMode;
import io.witness.operators.compute.BackendSelection;
import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.compute.ComputeBackends;
import io.witness.operators.compute.Precision;
import io.witness.operators.compute.cpu.CpuBackend;

/** Opens the backend a benchmark names; {@code cuda} fails the trial with the probe's reason where there is no device. */
final class BackendUnderTest {

    private BackendUnderTest() {
    }

    /**
     * {@code cpu-plain} / {@code cpu-vector}: the CPU backend with its plain (auto-vectorised) or its
     * Vector API kernels; {@code cpu}, {@code cuda}, {@code auto}: as the start-up selection makes them.
     */
    static ComputeBackend open(String backend, String precision) {
        if (backend.startsWith("cpu-")) {
            CpuBackend cpu = new CpuBackend(ComputeBackends.defaultThreads(), Precision.valueOf(precision),
                    backend.equals("cpu-vector"));
            System.out.println("# backend: " + cpu.description());
            return cpu;
        }
        BackendSelection s = ComputeBackends.create(BackendMode.parse(backend), Precision.valueOf(precision),
                ComputeBackends.defaultThreads());
        System.out.println("# backend: " + s.reason());
        return s.backend();
    }

    /** {@code "NxMxD"}. */
    static int[] shape(String s) {
        String[] p = s.split("x");
        return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])};
    }
}
