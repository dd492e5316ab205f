package io.witness.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.witness.jobs.flink.RetainedCheckpoints;
import io.witness.jobs.flink.RetainedCheckpoints.Checkpoint;

/**
 * Which checkpoint {@code witness run} resumes from, on a checkpoint folder laid out as Flink lays it out
 * (one folder per job, {@code chk-N/_metadata} written by Flink's own serializer): the newest complete one,
 * not a half-written one, never one that a fresh start, a chosen restore or a finished job left behind.
 */
class ResumePointTest {
    @TempDir
    Path dir;

    private Path checkpoints;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @BeforeEach
    void layout() throws IOException {
        checkpoints = dir.resolve("checkpoints");
        // job a ran first (chk-3 retained), job b resumed from it (chk-7); job c was killed resuming from
        // chk-7 while writing chk-8 (its _metadata cut short) and chk-9 (none yet)
        complete("aaaa", 3);
        complete("bbbb", 7);
        Path cut = complete("cccc", 8);
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(cut), 9));
        Files.createDirectories(checkpoints.resolve("cccc").resolve("chk-9"));
        Files.createDirectories(checkpoints.resolve("cccc").resolve("shared"));
    }

    /** A real checkpoint metadata file of the given id. */
    private Path complete(String job, long id) throws IOException {
        Path chk = Files.createDirectories(checkpoints.resolve(job).resolve("chk-" + id));
        Path metadata = chk.resolve("_metadata");
        try (OutputStream o = Files.newOutputStream(metadata)) {
            Checkpoints.storeCheckpointMetadata(new CheckpointMetadata(id, List.of(), List.of()), new DataOutputStream(o));
        }
        return metadata;
    }

    private RetainedCheckpoints scan() throws IOException {
        return RetainedCheckpoints.scan(checkpoints.toUri().toString());
    }

    private ResumePoint choose(String restore, boolean fresh) throws IOException {
        return ResumePoint.choose(scan(), checkpoints.toString(), restore, fresh, out);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void resumesByItselfFromTheNewestCompleteCheckpointAndSaysWhich() throws IOException {
        assertThat(scan().all()).extracting(Checkpoint::id).containsExactly(3L, 7L);

        ResumePoint p = choose(null, false);

        assertThat(p.checkpoint().jobId()).isEqualTo("bbbb");
        assertThat(p.path()).isEqualTo(RetainedCheckpoints.qualified(checkpoints.resolve("bbbb/chk-7").toString()));
        assertThat(printed()).startsWith("witness: resuming from " + p.path() + " (checkpoint 7 of job bbbb, completed ")
                .contains("the newest complete checkpoint in " + checkpoints)
                .contains("--restore PATH picks another, --fresh starts anew");
        assertThat(choose(null, false).path()).as("choosing supersedes nothing").isEqualTo(p.path());
    }

    @Test
    void freshStartsWithEmptyStateSaysWhatItLeavesAndNeverGoesBackToIt() throws IOException {
        ResumePoint p = choose(null, true);

        assertThat(p.path()).isNull();
        assertThat(printed()).startsWith("witness: --fresh: starting with empty models, from the consumer group's "
                + "committed offsets (job.start-from where it has none); leaving 2 retained checkpoint(s) (")
                .contains("newest " + RetainedCheckpoints.qualified(checkpoints.resolve("bbbb/chk-7").toString()))
                .contains("not deleted, never resumed from by itself again");
        assertThat(scan().all()).as("nothing deleted").hasSize(2);
        assertThat(scan().newest()).isEmpty();

        // the fresh run checkpoints (ids start again at 1), is killed, and the next run resumes from its checkpoint
        complete("dddd", 1);
        assertThat(choose(null, false).checkpoint().jobId()).isEqualTo("dddd");
    }

    @Test
    void restorePicksAnotherAndTheChainGoesOnFromThere() throws IOException {
        String older = checkpoints.resolve("aaaa/chk-3").toString();

        ResumePoint p = choose(older + "/_metadata", false);

        assertThat(p.path()).isEqualTo(older + "/_metadata");
        assertThat(p.checkpoint().id()).isEqualTo(3);
        assertThat(printed()).startsWith("witness: resuming from " + older + "/_metadata (--restore, checkpoint 3 of job aaaa");
        // killed before its first checkpoint: the next automatic start takes chk-3 again, not the abandoned chk-7
        assertThat(scan().newest().orElseThrow().id()).isEqualTo(3);
        complete("eeee", 4);
        assertThat(scan().newest().orElseThrow().jobId()).isEqualTo("eeee");
    }

    /**
     * Flink deletes subsumed checkpoints while (and after) a job runs; the scan at the end of a finished run
     * once failed because a {@code chk-N} folder vanished between the folder's listing and its stat.
     */
    @Test
    void aScanWhileCheckpointsAreBeingDiscardedSeesTheOnesThatStay() throws Exception {
        Path job = Files.createDirectories(checkpoints.resolve("dddd"));
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong churned = new java.util.concurrent.atomic.AtomicLong();
        Thread discarder = new Thread(() -> {
            try {
                for (long id = 100; !stop.get(); id++) {
                    for (int i = 0; i < 16; i++) {
                        Files.createDirectories(job.resolve("chk-" + (id * 16 + i)));
                    }
                    for (int i = 0; i < 16; i++) {
                        Files.delete(job.resolve("chk-" + (id * 16 + i)));
                    }
                    churned.incrementAndGet();
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "discarder");
        discarder.start();
        try {
            long scans = 0;
            long until = System.nanoTime() + 1_500_000_000L;
            while (System.nanoTime() < until || churned.get() < 50) {
                assertThat(scan().all()).extracting(Checkpoint::id).containsExactly(3L, 7L);
                scans++;
            }
            assertThat(scans).isPositive();
        } finally {
            stop.set(true);
            discarder.join();
        }
    }

    @Test
    void noCheckpointMeansEmptyState() throws IOException {
        ResumePoint p = ResumePoint.choose(RetainedCheckpoints.scan(dir.resolve("none").toUri().toString()),
                "none", null, false, out);

        assertThat(p.path()).isNull();
        assertThat(printed()).isEqualTo("witness: no checkpoint to resume from in none: starting with empty models, "
                + "from the consumer group's committed offsets (job.start-from where it has none)\n");
    }

    @Test
    void aSecondRunOnTheSameDataDirIsRefused() throws IOException {
        try (DataDirLock held = DataDirLock.acquire(dir)) {
            int rc = WitnessCli.execute("run", "--config", writeConfig().toString(), "--data-dir", dir.toString());
            assertThat(rc).isEqualTo(2);
        }
        assertThat(WitnessCli.execute("run", "--config", writeConfig().toString(), "--fresh", "--restore", "x")).isEqualTo(2);
    }

    private Path writeConfig() throws IOException {
        return Files.writeString(dir.resolve("m.yaml"), """
                monitors:
                  - id: m
                    source: {topic: t}
                    fields: {x: [x], y: [y]}
                    method: skit
                """);
    }
}
