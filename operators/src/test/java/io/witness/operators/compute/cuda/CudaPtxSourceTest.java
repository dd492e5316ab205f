package io.witness.operators.compute.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import io.witness.operators.compute.Precision;
import io.witness.operators.kernel.FeatureMap;
import io.witness.operators.kernel.KernelKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The shipped PTX must be the compilation of the CUDA source in the repository: its header carries the
 * source's SHA-256 (always checked), and where nvcc is installed the source is compiled again with
 * {@code build-ptx.sh} and the texts compared. Constants shared between Java and CUDA must agree.
 */
class CudaPtxSourceTest {

    private static final String HEADER = "// witness-source-sha256: ";

    static Path cudaDir() {
        for (Path p : List.of(Path.of("src/main/cuda"), Path.of("operators/src/main/cuda"))) {
            if (Files.isRegularFile(p.resolve("witness_kernels.cu"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find src/main/cuda/witness_kernels.cu from " + Path.of("").toAbsolutePath());
    }

    static String shippedPtx() {
        byte[] z = CudaModule.ptx();
        return new String(z, 0, z.length - 1, StandardCharsets.US_ASCII);
    }

    static String source() throws IOException {
        return Files.readString(cudaDir().resolve("witness_kernels.cu"), StandardCharsets.UTF_8);
    }

    @Test
    void thePtxHeaderNamesTheSha256OfTheSource() throws Exception {
        String ptx = shippedPtx();
        assertThat(ptx).startsWith(HEADER);
        String stamped = ptx.substring(HEADER.length(), ptx.indexOf('\n')).trim();
        byte[] src = Files.readAllBytes(cudaDir().resolve("witness_kernels.cu"));
        String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(src));
        assertThat(stamped)
                .as("witness_kernels.ptx is stale: run operators/src/main/cuda/build-ptx.sh")
                .isEqualTo(actual);
    }

    @Test
    void recompilingTheSourceGivesTheShippedPtx() throws Exception {
        String nvcc = findNvcc();
        Assumptions.assumeTrue(nvcc != null, "nvcc not found (PATH, CUDA_HOME, /usr/local/cuda/bin): only the hash is checked");
        Path out = Files.createTempFile("witness_kernels", ".ptx");
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", cudaDir().resolve("build-ptx.sh").toString(), out.toString())
                    .redirectErrorStream(true);
            pb.environment().put("NVCC", nvcc);
            Process proc = pb.start();
            String log = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(proc.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(proc.exitValue()).as(log).isZero();
            String fresh = Files.readString(out, StandardCharsets.US_ASCII);
            String shipped = shippedPtx();
            Assumptions.assumeTrue(toolchain(fresh).equals(toolchain(shipped)),
                    "the local nvcc (" + toolchain(fresh) + ") differs from the one that made the shipped PTX ("
                            + toolchain(shipped) + "): text comparison skipped, hash checked");
            assertThat(fresh).as("witness_kernels.ptx differs from a fresh compile: run build-ptx.sh").isEqualTo(shipped);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    void everyEntryPointTheBackendLoadsIsInThePtx() {
        String ptx = shippedPtx();
        assertThat(ptx).contains(".target sm_80");
        for (Precision p : Precision.values()) {
            String s = p == Precision.FLOAT ? "f" : "d";
            for (int dm : new int[] {0, 8, 16, 32, 64}) {
                assertThat(ptx).contains(".visible .entry witness_kv_" + s + "_" + dm + "(");
                assertThat(ptx).contains(".visible .entry witness_gram_" + s + "_" + dm + "(");
            }
            assertThat(ptx).contains(".visible .entry witness_reduce_" + s + "(");
            assertThat(ptx).contains(".visible .entry witness_feature_map_" + s + "(");
        }
    }

    @Test
    void constantsSharedWithTheCudaSourceAgree() throws IOException {
        String src = source();
        for (KernelKind k : KernelKind.values()) {
            assertThat(define(src, "WITNESS_KIND_" + k.name())).as(k.name()).isEqualTo(k.ordinal());
        }
        for (FeatureMap.Form f : FeatureMap.Form.values()) {
            assertThat(define(src, "WITNESS_FORM_" + f.name())).as(f.name()).isEqualTo(f.ordinal());
        }
        assertThat(define(src, "WITNESS_THREADS")).isEqualTo(CudaBackend.THREADS);
        assertThat(define(src, "WITNESS_MAX_COLUMNS")).isEqualTo(CudaBackend.MAX_COLUMNS);
    }

    private static int define(String src, String name) {
        Matcher m = Pattern.compile("#define\\s+" + name + "\\s+(\\d+)").matcher(src);
        assertThat(m.find()).as("#define " + name + " in witness_kernels.cu").isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** The "Cuda compilation tools, release …" line nvcc writes into the PTX. */
    private static String toolchain(String ptx) {
        Matcher m = Pattern.compile("// Cuda compilation tools, release [^\\n]*").matcher(ptx);
        return m.find() ? m.group() : "(unknown)";
    }

    private static String findNvcc() {
        String home = System.getenv("CUDA_HOME");
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":" + (home == null ? "" : home + "/bin")
                + ":/usr/local/cuda/bin:/usr/local/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "nvcc"))) {
                return Path.of(dir, "nvcc").toString();
            }
        }
        return null;
    }
}
