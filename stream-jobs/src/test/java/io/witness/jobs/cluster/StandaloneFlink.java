package io.witness.jobs.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.witness.jobs.deploy.DeployFiles;

/**
 * A Flink standalone session cluster as separate JVMs started the way Flink's bin/jobmanager.sh and
 * bin/taskmanager.sh start them, on the classpath of Flink's lib/ only ({@link ClusterArtifacts#flinkLib}):
 * memory options from {@code BashJavaUtils}, the distribution's Java 17 {@code --add-opens} list, log4j
 * with a file per process, {@code taskmanager.resource-id} naming each TaskManager.
 */
public final class StandaloneFlink implements AutoCloseable {
    /** {@code env.java.opts.all} of Flink 2.2's conf/config.yaml (Java 17). */
    private static final List<String> JAVA_17_OPTS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED", "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED", "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED", "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");
    private final Path dir;
    private final Path conf;
    private final String classpath;
    private final String java = ProcessHandle.current().info().command().orElse("java");
    public final int restPort;
    private Process jobManager;
    private final Map<String, Process> taskManagers = new LinkedHashMap<>();
    private List<String> tmJvmParams;
    private List<String> tmDynamicConfigs;

    /**
     * Writes conf/config.yaml (Flink's settings for this cluster plus {@code extra}) and conf/log4j.properties (a copy
     * of deploy/flink/log4j-console.properties).
     */
    public StandaloneFlink(Path dir, List<Path> lib, Map<String, String> extra) throws IOException {
        this.dir = dir;
        this.conf = Files.createDirectories(dir.resolve("conf"));
        this.classpath = ClusterArtifacts.classpath(lib);
        this.restPort = freePort();
        Map<String, String> c = new LinkedHashMap<>();
        c.put("jobmanager.rpc.address", "127.0.0.1");
        c.put("jobmanager.rpc.port", String.valueOf(freePort()));
        c.put("jobmanager.bind-host", "127.0.0.1");
        c.put("taskmanager.bind-host", "127.0.0.1");
        c.put("taskmanager.host", "127.0.0.1");
        c.put("rest.port", String.valueOf(restPort));
        c.put("rest.address", "127.0.0.1");
        c.put("rest.bind-address", "127.0.0.1");
        c.put("jobmanager.memory.process.size", "768m");
        c.put("taskmanager.memory.process.size", "1200m");
        c.put("taskmanager.memory.managed.fraction", "0.2");
        c.put("taskmanager.numberOfTaskSlots", "2");
        c.put("taskmanager.load-balance.mode", "SLOTS");   // spread a job's slots over the TaskManagers
        c.put("state.backend.type", "rocksdb");
        c.put("state.backend.rocksdb.localdir", dir.resolve("rocksdb").toString());
        c.put("execution.checkpointing.incremental", "true");
        c.put("execution.checkpointing.storage", "filesystem");
        c.put("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
        c.put("execution.checkpointing.savepoint-dir", dir.resolve("savepoints").toUri().toString());
        c.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        c.put("restart-strategy.type", "fixed-delay");
        c.put("restart-strategy.fixed-delay.attempts", "50");
        c.put("restart-strategy.fixed-delay.delay", "1 s");
        c.put("heartbeat.interval", "1000");
        // A lost TaskManager is noticed by its refused connections within seconds (heartbeat.rpc-failure-threshold);
        // the timeout only has to outlast a busy TaskManager on a loaded 2-core machine.
        c.put("heartbeat.timeout", "30000");
        c.put("pekko.ask.timeout", "30 s");
        c.put("pekko.startup-timeout", "120 s");   // the actor system's start (10 s by default) timed out under a load average of 40
        c.put("io.tmp.dirs", Files.createDirectories(dir.resolve("tmp")).toString());
        c.put("web.upload.dir", Files.createDirectories(dir.resolve("upload")).toString());
        c.put("web.tmpdir", Files.createDirectories(dir.resolve("web")).toString());
        c.put("blob.storage.directory", Files.createDirectories(dir.resolve("blobs")).toString());
        c.putAll(extra);
        StringBuilder yaml = new StringBuilder();
        c.forEach((k, v) -> yaml.append(k).append(": ").append(v.matches("[A-Za-z0-9_./:-]+|\\d+ s") ? v : "\"" + v + "\"")
                .append('\n'));
        Files.writeString(conf.resolve("config.yaml"), yaml);
        // the shipped cluster logging config (deploy/flink), so that this real cluster runs with what users get
        Files.copy(DeployFiles.DEPLOY.resolve("flink/log4j-console.properties"), conf.resolve("log4j.properties"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Starts the JobManager: {@code StandaloneSessionClusterEntrypoint --configDir conf}. */
    public void startJobManager() throws IOException, InterruptedException {
        List<List<String>> params = bashJavaUtils("GET_JM_RESOURCE_PARAMS");
        jobManager = start("jobmanager", params.get(0), "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                params.get(1), List.of());
    }

    /** Starts a TaskManager named {@code id} ({@code taskmanager.resource-id}). */
    public synchronized void startTaskManager(String id) throws IOException, InterruptedException {
        if (tmJvmParams == null) {
            List<List<String>> params = bashJavaUtils("GET_TM_RESOURCE_PARAMS");
            tmJvmParams = params.get(0);
            tmDynamicConfigs = params.get(1);
        }
        taskManagers.put(id, start(id, tmJvmParams, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", tmDynamicConfigs,
                List.of("-D", "taskmanager.resource-id=" + id)));
    }

    /** SIGKILL of a TaskManager (no shutdown hook runs, as on a lost machine); waits until it is gone. */
    public void kill(String id) throws InterruptedException {
        Process p = taskManagers.remove(id);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    /** Fails, with the end of its log, when the JobManager or a TaskManager has exited: waiting on it is pointless. */
    public void assertAlive() throws IOException {
        Map<String, Process> all = new LinkedHashMap<>(taskManagers);
        if (jobManager != null) {
            all.put("jobmanager", jobManager);
        }
        for (Map.Entry<String, Process> e : all.entrySet()) {
            if (!e.getValue().isAlive()) {
                List<String> lines = Files.exists(log(e.getKey())) ? Files.readAllLines(log(e.getKey())) : List.of();
                throw new AssertionError(e.getKey() + " exited with " + e.getValue().exitValue() + "; the end of " + log(e.getKey())
                        + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
            }
        }
    }

    public Path log(String name) {
        return dir.resolve("log").resolve(name + ".log");
    }

    private Process start(String name, List<String> jvmParams, String mainClass, List<String> dynamicConfigs, List<String> more)
            throws IOException {
        Path logs = Files.createDirectories(dir.resolve("log"));
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(JAVA_17_OPTS);
        cmd.addAll(jvmParams);
        cmd.add("-XX:+UseSerialGC");   // 2 cores shared by four JVMs
        cmd.add("-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp").resolve(name)));
        cmd.add("-Dlog.file=" + logs.resolve(name + ".log"));
        cmd.add("-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri());
        cmd.addAll(List.of("-cp", classpath, mainClass, "--configDir", conf.toString()));
        cmd.addAll(dynamicConfigs);
        cmd.addAll(more);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logs.resolve(name + ".out").toFile()).start();
    }

    /** What bin/config.sh's runBashJavaUtilsCmd gets: the JVM memory flags (first line) and -D options (second line). */
    private List<List<String>> bashJavaUtils(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java, "-Xmx128m", "-cp", classpath, "org.apache.flink.runtime.util.bash.BashJavaUtils", command,
                "--configDir", conf.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("BashJavaUtils " + command + " failed: " + out);
        }
        List<List<String>> results = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:")) {
                String v = line.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()).trim();
                results.add(v.isEmpty() ? List.of() : Arrays.asList(v.split("\\s+")));
            }
        }
        if (results.size() < 2) {
            throw new IOException("BashJavaUtils " + command + " gave " + out);
        }
        return results.subList(results.size() - 2, results.size());
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : taskManagers.values()) {
            p.destroyForcibly();
        }
        if (jobManager != null) {
            jobManager.destroyForcibly();
        }
        for (Process p : taskManagers.values()) {
            p.waitFor(30, TimeUnit.SECONDS);
        }
        if (jobManager != null) {
            jobManager.waitFor(30, TimeUnit.SECONDS);
        }
        taskManagers.clear();
    }
}
