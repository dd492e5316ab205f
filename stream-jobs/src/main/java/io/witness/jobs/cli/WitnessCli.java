package io.witness.jobs.cli;

import io.witness.jobs.config.ConfigException;
import io.witness.jobs.core.StateShapeException;
import org.apache.flink.util.SerializedThrowable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Optional;

/** {@code witness demo | run | replay | bench}: the one entry point of witness.jar. */
@Command(name = "witness", mixinStandardHelpOptions = true, versionProvider = WitnessCli.Version.class,
        description = "Streaming anomaly monitoring with online kernel methods on Kafka and Flink.",
        subcommands = {DemoCommand.class, RunCommand.class, ReplayCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class WitnessCli implements Runnable {

    public static void main(String[] args) {
        // java -jar cannot load the Vector API module: start once more with it (VectorRelaunch; opt-out there)
        VectorRelaunch.dieWithParentIfRelaunched();
        Optional<Integer> relaunched = VectorRelaunch.relaunchIfNeeded(args);
        System.exit(relaunched.isPresent() ? relaunched.get() : execute(args));
    }

    /** Runs a command line and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new WitnessCli());
        // descriptions are single paragraphs: picocli wraps them once, to the terminal's width when it knows it
        cl.setUsageHelpAutoWidth(true);
        // config and input errors are one clear line, not a stack trace
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof ConfigException || ex instanceof UserError) {
                cmd.getErr().println("witness: " + ex.getMessage());
                return 2;
            }
            String shapeChange = stateShapeProblem(ex);
            if (shapeChange != null) {
                cmd.getErr().println("witness: " + shapeChange);
                return 2;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    /** The one-line message of a state-shape refusal anywhere in a job failure's causes, or null. */
    static String stateShapeProblem(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StateShapeException) {
                return t.getMessage();
            }
            if (t instanceof SerializedThrowable s && StateShapeException.class.getName().equals(s.getOriginalErrorClassName())) {
                return s.getMessage();
            }
        }
        return null;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** A problem with the user's input or environment, reported as one line (exit code 2). */
    public static final class UserError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UserError(String message) {
            super(message);
        }
    }

    /** The Maven project version, from a resource filtered at build time ({@code resources-filtered/}). */
    static final class Version implements CommandLine.IVersionProvider {
        static final String RESOURCE = "version.properties";

        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties p = new java.util.Properties();
            try (java.io.InputStream in = WitnessCli.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new java.io.IOException("the build left out " + RESOURCE);
                }
                p.load(in);
            }
            return new String[] {"witness " + p.getProperty("version"),
                    "CPU kernels: " + (VectorRelaunch.loaded() ? "Vector API (" + VectorRelaunch.MODULE + ")"
                            : "plain loops (" + VectorRelaunch.MODULE + " not loaded)")};
        }
    }
}
