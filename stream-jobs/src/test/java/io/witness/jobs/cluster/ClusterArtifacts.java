package io.witness.jobs.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Where the build put witness-cluster.jar and the classpath of Flink's lib/ (module flink-lib). Failsafe
 * passes both as system properties; run from the IDE or surefire they default to the module's paths.
 */
public final class ClusterArtifacts {
    private ClusterArtifacts() {
    }

    public static Path clusterJar() {
        Path jar = Path.of(System.getProperty("witness.cluster.jar", "target/witness-cluster.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: these tests run after `mvn package`");
        }
        return jar;
    }

    /** The jars of Flink's lib/: Flink's own modules, RocksDB, log4j; nothing of Witness. */
    public static List<Path> flinkLib() throws IOException {
        Path file = Path.of(System.getProperty("witness.flink.lib.classpath", "../flink-lib/target/flink-lib.classpath"));
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + " is missing: module flink-lib writes it (mvn -pl flink-lib generate-resources)");
        }
        List<Path> jars = Arrays.stream(Files.readString(file).strip().split(java.io.File.pathSeparator))
                .map(Path::of).toList();
        for (Path j : jars) {
            String name = j.getFileName().toString();
            if (name.startsWith("witness-") || name.startsWith("kafka") || name.startsWith("ejml")
                    || name.startsWith("commons-statistics") || name.startsWith("jcuda") || name.startsWith("avro")) {
                throw new IllegalStateException("Flink's lib/ classpath holds " + j + ", which Flink does not ship");
            }
        }
        return jars;
    }

    public static String classpath(List<Path> jars) {
        return String.join(java.io.File.pathSeparator, jars.stream().map(Path::toString).toList());
    }
}
