package io.witness.operators.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.witness.operators.compute.cuda.CudaProbe;
import org.junit.jupiter.api.Test;

/** Start-up selection: auto falls back with a reason, cuda fails clearly, shared instances are shared. */
class ComputeBackendsTest {

    @Test
    void modesParseCaseInsensitively() {
        assertThat(BackendMode.parse(" Auto ")).isEqualTo(BackendMode.AUTO);
        assertThat(BackendMode.parse("CPU")).isEqualTo(BackendMode.CPU);
        assertThat(BackendMode.parse("cuda")).isEqualTo(BackendMode.CUDA);
        assertThatThrownBy(() -> BackendMode.parse("gpu")).hasMessageContaining("auto, cpu or cuda");
        assertThatThrownBy(() -> BackendMode.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cpuModeAlwaysGivesTheCpuBackend() {
        BackendSelection s = ComputeBackends.create(BackendMode.CPU, Precision.FLOAT, 3);
        try (ComputeBackend b = s.backend()) {
            assertThat(b.name()).isEqualTo("cpu");
            assertThat(b.precision()).isEqualTo(Precision.FLOAT);
            assertThat(s.reason()).contains("cpu requested").contains("3 threads").contains("float");
        }
    }

    @Test
    void autoUsesCudaWhenTheProbeFindsADeviceElseFallsBackToTheCpuAndSaysWhy() {
        CudaProbe.Result probe = CudaProbe.result();
        BackendSelection s = ComputeBackends.create(BackendMode.AUTO, Precision.DOUBLE, 1);
        try (ComputeBackend b = s.backend()) {
            if (probe.available()) {
                assertThat(b.name()).isEqualTo("cuda");
                assertThat(s.reason()).startsWith("auto: CUDA").contains(probe.deviceName());
            } else {
                assertThat(b.name()).isEqualTo("cpu");
                assertThat(s.reason()).startsWith("auto: no CUDA (").contains(probe.reason()).contains("using cpu");
            }
        }
    }

    @Test
    void cudaModeWithoutADeviceFailsWithTheProbesReason() {
        CudaProbe.Result probe = CudaProbe.result();
        org.junit.jupiter.api.Assumptions.assumeFalse(probe.available(), "a CUDA device is present: " + probe.reason());
        assertThatThrownBy(() -> ComputeBackends.create(BackendMode.CUDA, Precision.DOUBLE, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'cuda' requested but no usable CUDA device")
                .hasMessageContaining(probe.reason())
                .hasMessageContaining("auto");
    }

    @Test
    void theProbeRunsOncePerJvmAndExplainsItself() {
        CudaProbe.Result first = CudaProbe.result();
        assertThat(CudaProbe.result()).isSameAs(first);
        assertThat(first.reason()).isNotBlank().doesNotContain("\n");
    }

    @Test
    void sharedBackendsAreOnePerModeAndPrecisionAndIgnoreClose() {
        BackendSelection a = ComputeBackends.shared(BackendMode.CPU, Precision.DOUBLE);
        BackendSelection b = ComputeBackends.shared(BackendMode.CPU, Precision.DOUBLE);
        BackendSelection f = ComputeBackends.shared(BackendMode.CPU, Precision.FLOAT);
        assertThat(b).isSameAs(a);
        assertThat(f.backend()).isNotSameAs(a.backend());
        a.backend().close();
        double[] out = new double[1];
        a.backend().rowSums(new io.witness.operators.kernel.GaussianKernel(1), new double[] {0}, 1,
                new double[] {0, 1}, 2, 1, out);
        assertThat(out[0]).isCloseTo(1 + Math.exp(-0.5), org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void threadsComeFromTheSystemPropertyWhenSet() {
        String old = System.getProperty(ComputeBackends.THREADS_PROPERTY);
        try {
            System.setProperty(ComputeBackends.THREADS_PROPERTY, "3");
            assertThat(ComputeBackends.defaultThreads()).isEqualTo(3);
            System.setProperty(ComputeBackends.THREADS_PROPERTY, "zero");
            assertThatThrownBy(ComputeBackends::defaultThreads).hasMessageContaining(ComputeBackends.THREADS_PROPERTY);
            System.clearProperty(ComputeBackends.THREADS_PROPERTY);
            assertThat(ComputeBackends.defaultThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        } finally {
            if (old == null) {
                System.clearProperty(ComputeBackends.THREADS_PROPERTY);
            } else {
                System.setProperty(ComputeBackends.THREADS_PROPERTY, old);
            }
        }
    }
}
