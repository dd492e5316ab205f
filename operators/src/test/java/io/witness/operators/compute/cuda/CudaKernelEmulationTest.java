package io.witness.operators.compute.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The CUDA kernels checked without a GPU: {@code src/test/cuda/emulate_kernels.cpp} compiles
 * {@code witness_kernels.cu} as host C++ (one thread per CUDA thread, a barrier for
 * {@code __syncthreads}) and runs every kernel, both precisions, every register specialisation, with
 * CudaBackend's launch geometry, against direct loops. Needs g++ (C++20); ~10–50 s on a busy 2-core
 * machine, hence the long profile: {@code mvn -pl operators test -Plong -Dtest=CudaKernelEmulationTest}.
 */
@Tag("long")
class CudaKernelEmulationTest {

    @Test
    void theKernelsComputeWhatTheJavaKernelsCompute() throws Exception {
        Path gpp = null;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "g++"))) {
                gpp = Path.of(dir, "g++");
                break;
            }
        }
        Assumptions.assumeTrue(gpp != null, "g++ not found: CUDA kernel emulation skipped");
        Path src = CudaPtxSourceTest.cudaDir().resolveSibling("../test/cuda").normalize();
        Path exe = Files.createTempFile("emulate_kernels", "");
        try {
            run(List.of(gpp.toString(), "-std=c++20", "-O1", "-pthread", "-w", "-I" + src,
                    src.resolve("emulate_kernels.cpp").toString(), "-o", exe.toString()), "compile");
            String out = run(List.of(exe.toString()), "run");
            assertThat(out).contains("ALL OK");
        } finally {
            Files.deleteIfExists(exe);
        }
    }

    private static String run(List<String> command, String what) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).as(what + " timed out").isTrue();
        assertThat(p.exitValue()).as(what + ":\n" + log).isZero();
        return log;
    }
}
