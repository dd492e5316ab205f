package io.witness.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * {@code java -jar witness.jar} runs the Vector API kernels: the entry point starts the JVM once more with
 * {@code --add-modules=jdk.incubator.vector} unless it has the module, the user opted out, or it is the
 * relaunched child. The last test runs the real entry point in child JVMs ({@code --version} says which
 * kernels the JVM that ran the command has).
 */
class VectorRelaunchTest {
    private static final Optional<String> JAVA = Optional.of("/usr/bin/java");
    private static final Optional<String[]> ARGS = Optional.of(new String[] {"-Xmx1g", "-jar", "witness.jar", "demo"});

    @Test
    void relaunchesTheSameCommandLineWithTheModuleInFront() {
        assertThat(VectorRelaunch.command(Map.of(), null, false, true, JAVA, ARGS)).contains(
                List.of("/usr/bin/java", "--add-modules=jdk.incubator.vector", "-Xmx1g", "-jar", "witness.jar", "demo"));
    }

    @Test
    void doesNotRelaunchWhenLoadedOptedOutAChildOrImpossible() {
        assertThat(VectorRelaunch.command(Map.of(), null, true, true, JAVA, ARGS)).as("module loaded").isEmpty();
        assertThat(VectorRelaunch.command(Map.of("WITNESS_VECTOR_RELAUNCH", "off"), null, false, true, JAVA, ARGS))
                .as("opt-out by environment").isEmpty();
        assertThat(VectorRelaunch.command(Map.of(), "false", false, true, JAVA, ARGS)).as("opt-out by property").isEmpty();
        assertThat(VectorRelaunch.command(Map.of("WITNESS_VECTOR_RELAUNCHED", "1"), null, false, true, JAVA, ARGS))
                .as("the relaunched child").isEmpty();
        assertThat(VectorRelaunch.command(Map.of(), null, false, false, JAVA, ARGS)).as("a JDK without the module").isEmpty();
        assertThat(VectorRelaunch.command(Map.of(), null, false, true, Optional.empty(), ARGS)).as("no java path").isEmpty();
        assertThat(VectorRelaunch.command(Map.of(), null, false, true, JAVA, Optional.empty())).as("no arguments").isEmpty();
    }

    @Test
    void theEntryPointRunsTheCommandWithTheVectorApiUnlessOptedOut() throws Exception {
        assertThat(version(Map.of())).contains("CPU kernels: Vector API (jdk.incubator.vector)");
        assertThat(version(Map.of("WITNESS_VECTOR_RELAUNCH", "off")))
                .contains("CPU kernels: plain loops (jdk.incubator.vector not loaded)");
    }

    /** {@code java -cp <this classpath> WitnessCli --version} without the module flag, as {@code java -jar} starts it. */
    private static String version(Map<String, String> env) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                WitnessCli.class.getName(), "--version").redirectErrorStream(true);
        pb.environment().remove(VectorRelaunch.CHILD_ENV);
        pb.environment().remove(VectorRelaunch.OPT_OUT_ENV);
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
