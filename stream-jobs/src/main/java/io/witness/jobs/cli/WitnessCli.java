package io.witness.jobs.cli;

import io.witness.jobs.config.ConfigException;
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
        Optional<Integer> relaunched = VectorRelaunch.relaunchIfNeeded(args);
        System.exit(relaunched.isPresent() ? relaunched.get() : execute(args));
    }

    /** Runs a command line and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new WitnessCli());
        // config and input errors are one clear line, not a stack trace
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof ConfigException || ex instanceof UserError) {
                cmd.getErr().println("witness: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl.execute(args);
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

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = WitnessCli.class.getPackage().getImplementationVersion();
            return new String[] {"witness " + (v == null ? "dev" : v),
                    "CPU kernels: " + (VectorRelaunch.loaded() ? "Vector API (" + VectorRelaunch.MODULE + ")"
                            : "plain loops (" + VectorRelaunch.MODULE + " not loaded)")};
        }
    }
}
