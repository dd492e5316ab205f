package io.witness.jobs.cli;

import java.lang.management.ManagementFactory;
import java.lang.module.ModuleFinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs {@code java -jar witness.jar …} with the Vector API kernels without the user having to know the
 * flag: a JAR manifest cannot add a module, so when {@code jdk.incubator.vector} is not loaded (and the
 * JDK has it) {@link WitnessCli#main} starts the same command line once more with
 * {@code --add-modules=jdk.incubator.vector} in front of it, passes stdin/stdout/stderr through, forwards
 * a termination to the child and exits with its exit code (README, "Compute backend").
 *
 * <p>Opt out with {@value #OPT_OUT_ENV}{@code =off} (or the system property {@value #OPT_OUT_PROPERTY}
 * {@code =false}): then the plain loops run in the first JVM. The child is marked with
 * {@value #CHILD_ENV} so it never relaunches again, whatever happens.
 */
final class VectorRelaunch {
    static final String MODULE = "jdk.incubator.vector";
    static final String OPT_OUT_ENV = "WITNESS_VECTOR_RELAUNCH";
    static final String OPT_OUT_PROPERTY = "witness.vector.relaunch";
    static final String CHILD_ENV = "WITNESS_VECTOR_RELAUNCHED";

    private VectorRelaunch() {
    }

    /**
     * This JVM's options (those of {@code JDK_JAVA_OPTIONS} included), {@code -cp} with its class path
     * (the jar for {@code java -jar}), the entry point and the program arguments, exactly as given.
     */
    static String[] arguments(String[] programArguments) {
        List<String> a = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
        a.add("-cp");
        a.add(System.getProperty("java.class.path"));
        a.add(WitnessCli.class.getName());
        a.addAll(List.of(programArguments));
        return a.toArray(String[]::new);
    }

    /** Whether this JVM has the Vector API module loaded. */
    static boolean loaded() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    /**
     * The command line of the relaunched JVM, or empty when this JVM should run the command itself:
     * the module is loaded already, the user opted out, this is the relaunched child, the JDK lacks the
     * module, or the java executable is not known.
     *
     * @param arguments the child's arguments after the module flag: this JVM's options, its class path
     *                  and main class, the program arguments ({@link #arguments})
     */
    static Optional<List<String>> command(Map<String, String> env, String property, boolean loaded,
                                          boolean jdkHasModule, Optional<String> java, Optional<String[]> arguments) {
        boolean optedOut = "off".equalsIgnoreCase(env.getOrDefault(OPT_OUT_ENV, "").trim())
                || "false".equalsIgnoreCase(env.getOrDefault(OPT_OUT_ENV, "").trim())
                || "false".equalsIgnoreCase(property == null ? "" : property.trim());
        if (loaded || optedOut || env.containsKey(CHILD_ENV) || !jdkHasModule || java.isEmpty() || arguments.isEmpty()) {
            return Optional.empty();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java.get());
        cmd.add("--add-modules=" + MODULE);
        cmd.addAll(List.of(arguments.get()));
        return Optional.of(cmd);
    }

    /**
     * In the relaunched JVM: end with the JVM that started it. A SIGKILL of {@code witness run} cannot be
     * forwarded, and a child left running would go on consuming and holding the data dir, so a restart with
     * the same command would find it there. Halts like the SIGKILL it follows (no shutdown hooks; the job's
     * latest checkpoint is what a restart resumes from).
     */
    static void dieWithParentIfRelaunched() {
        if (System.getenv(CHILD_ENV) == null) {
            return;
        }
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(137)));
    }

    /**
     * Relaunches when {@link #command} says so and returns the child's exit code; empty when this JVM must
     * run the command itself (also when the child could not be started: then the plain loops run).
     */
    static Optional<Integer> relaunchIfNeeded(String[] programArguments) {
        Optional<List<String>> cmd = command(System.getenv(), System.getProperty(OPT_OUT_PROPERTY), loaded(),
                ModuleFinder.ofSystem().find(MODULE).isPresent(), ProcessHandle.current().info().command(),
                Optional.of(arguments(programArguments)));
        if (cmd.isEmpty()) {
            return Optional.empty();
        }
        ProcessBuilder pb = new ProcessBuilder(cmd.get()).inheritIO();
        pb.environment().put(CHILD_ENV, "1");
        pb.environment().remove("JDK_JAVA_OPTIONS");   // already among this JVM's options, passed on explicitly
        Process child;
        try {
            child = pb.start();
        } catch (Exception e) {
            System.err.println("witness: could not start the JVM again with --add-modules=" + MODULE + " ("
                    + e.getMessage() + "); running with the plain CPU loops");
            return Optional.empty();
        }
        Thread forward = new Thread(() -> {
            // a SIGTERM/SIGINT to this JVM (not to the whole process group) must still stop the job
            child.destroy();
            try {
                child.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "witness-relaunch-forward");
        Runtime.getRuntime().addShutdownHook(forward);
        while (true) {
            try {
                int code = child.waitFor();
                try {
                    Runtime.getRuntime().removeShutdownHook(forward);
                } catch (IllegalStateException shuttingDown) {
                    // already stopping: the hook waits for the child, which has exited
                }
                return Optional.of(code);
            } catch (InterruptedException e) {
                // keep waiting: the child owns the work
            }
        }
    }
}
