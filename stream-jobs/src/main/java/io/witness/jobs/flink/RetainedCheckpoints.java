package io.witness.jobs.flink;

import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The retained checkpoints under one checkpoint folder ({@code <dir>/<job id>/chk-<n>/_metadata}, Flink's
 * layout; one job folder per run) and which of them a restart resumes from.
 *
 * <p>A checkpoint is complete when its {@code _metadata} reads back as checkpoint metadata: Flink writes
 * that file last, and a run killed while writing it leaves one that does not load. The newest is the one
 * with the highest checkpoint id: a restored job continues the id sequence of the checkpoint it restored
 * (Flink sets the counter to id + 1), so along one chain of restarts ids only grow, even across job
 * folders. A run that leaves that chain (a fresh start, {@code --restore} of another checkpoint, a job that
 * ended by itself) lists the checkpoints it leaves behind in {@value #SUPERSEDED}, and they are never
 * resumed from automatically again: otherwise a stale checkpoint with a higher id would replay input whose
 * outputs were already committed.
 */
public final class RetainedCheckpoints {
    /** File in the checkpoint folder listing checkpoints a restart must not resume from (one path per line). */
    public static final String SUPERSEDED = "witness-superseded-checkpoints.txt";

    /** Listings of a folder whose entries are being deleted before the scan gives up (each sees fewer). */
    private static final int LIST_ATTEMPTS = 20;

    /** One complete retained checkpoint. */
    public record Checkpoint(String jobId, long id, String path, long completedAtMillis, long bytes) {
        public String describe() {
            return "checkpoint " + id + " of job " + jobId + ", completed " + Instant.ofEpochMilli(completedAtMillis);
        }
    }

    private final Path root;
    private final List<Checkpoint> complete;
    private final Set<String> superseded;

    private RetainedCheckpoints(Path root, List<Checkpoint> complete, Set<String> superseded) {
        this.root = root;
        this.complete = complete;
        this.superseded = superseded;
    }

    /** Reads the checkpoint folder (a URI such as {@code file:///…}); an absent folder has no checkpoints. */
    public static RetainedCheckpoints scan(String checkpointDir) throws IOException {
        Path root = new Path(checkpointDir);
        FileSystem fs = root.getFileSystem();
        List<Checkpoint> found = new ArrayList<>();
        if (fs.exists(root)) {
            for (FileStatus job : list(fs, root)) {
                if (!job.isDir()) {
                    continue;
                }
                for (FileStatus chk : list(fs, job.getPath())) {
                    String name = chk.getPath().getName();
                    if (chk.isDir() && name.matches("chk-\\d+")) {
                        load(fs, job.getPath().getName(), chk.getPath()).ifPresent(found::add);
                    }
                }
            }
        }
        found.sort(Comparator.comparingLong(Checkpoint::id).thenComparingLong(Checkpoint::completedAtMillis));
        return new RetainedCheckpoints(root, List.copyOf(found), readSuperseded(fs, new Path(root, SUPERSEDED)));
    }

    /**
     * A folder's entries. Flink discards subsumed checkpoints asynchronously, also after a job has finished,
     * and a file system lists a folder by its names and then stats each one: an entry deleted between the two
     * fails the whole listing. Listing again sees the folder without it; a folder that is itself gone has none.
     */
    private static FileStatus[] list(FileSystem fs, Path dir) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                FileStatus[] s = fs.listStatus(dir);
                return s == null ? new FileStatus[0] : s;
            } catch (FileNotFoundException e) {
                if (!fs.exists(dir)) {
                    return new FileStatus[0];
                }
                if (attempt == LIST_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static Optional<Checkpoint> load(FileSystem fs, String jobId, Path chk) {
        Path metadata = new Path(chk, "_metadata");
        try {
            if (!fs.exists(metadata)) {
                return Optional.empty();   // in progress when its job died, or being discarded
            }
            FileStatus status = fs.getFileStatus(metadata);
            CheckpointMetadata m;
            try (FSDataInputStream in = fs.open(metadata)) {
                m = Checkpoints.loadCheckpointMetadata(new DataInputStream(in),
                        RetainedCheckpoints.class.getClassLoader(), chk.toString());
            }
            return Optional.of(new Checkpoint(jobId, m.getCheckpointId(), qualified(chk.toString()), status.getModificationTime(),
                    size(fs, chk)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();   // a _metadata cut short by a kill: not a checkpoint
        }
    }

    private static long size(FileSystem fs, Path dir) throws IOException {
        long n = 0;
        for (FileStatus s : list(fs, dir)) {
            n += s.isDir() ? size(fs, s.getPath()) : s.getLen();
        }
        return n;
    }

    private static Set<String> readSuperseded(FileSystem fs, Path file) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        if (!fs.exists(file)) {
            return out;
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    out.add(qualified(l));
                }
            }
        }
        return out;
    }

    /** A path or URI as Flink's file system names it ({@code /a/b/} and {@code file:///a/b} are the same). */
    public static String qualified(String path) {
        try {
            Path p = new Path(path);
            return p.makeQualified(p.getFileSystem()).toString();
        } catch (IOException | RuntimeException e) {
            return path;
        }
    }

    /** Every complete retained checkpoint, oldest first, superseded or not. */
    public List<Checkpoint> all() {
        return complete;
    }

    /** Complete checkpoints a restart may still resume from, oldest first. */
    public List<Checkpoint> resumable() {
        return complete.stream().filter(c -> !superseded.contains(c.path())).toList();
    }

    /** The checkpoint a restart resumes from: the newest resumable one. */
    public Optional<Checkpoint> newest() {
        List<Checkpoint> r = resumable();
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(r.size() - 1));
    }

    /**
     * Marks every complete checkpoint present now, except {@code keep} (a path, or null), as never to be
     * resumed from automatically; entries of checkpoints that no longer exist are dropped.
     */
    public void supersedeAllBut(String keep, String why) throws IOException {
        Set<String> lines = new LinkedHashSet<>();
        Set<String> present = new LinkedHashSet<>();
        complete.forEach(c -> present.add(c.path()));
        superseded.stream().filter(present::contains).forEach(lines::add);
        String kept = keep == null ? null : qualified(keep);
        complete.stream().map(Checkpoint::path).filter(p -> !p.equals(kept)).forEach(lines::add);
        FileSystem fs = root.getFileSystem();
        fs.mkdirs(root);
        StringBuilder text = new StringBuilder("# written by witness run: checkpoints it never resumes from by itself (")
                .append(why).append(", ").append(Instant.now()).append("); --restore PATH still takes any of them\n");
        lines.forEach(l -> text.append(l).append('\n'));
        try (FSDataOutputStream out = fs.create(new Path(root, SUPERSEDED), FileSystem.WriteMode.OVERWRITE)) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        superseded.clear();
        superseded.addAll(lines);
    }
}
