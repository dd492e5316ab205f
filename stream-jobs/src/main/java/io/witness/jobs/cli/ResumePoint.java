package io.witness.jobs.cli;

import io.witness.jobs.flink.RetainedCheckpoints;
import io.witness.jobs.flink.RetainedCheckpoints.Checkpoint;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Where {@code witness run} starts: the newest complete retained checkpoint of its checkpoint folder
 * (automatic), the one {@code --restore} names, or nothing ({@code --fresh}, or no checkpoint yet). Says
 * which on stdout. A start that leaves the chain of restarts (fresh, or a restore of a chosen checkpoint)
 * marks the checkpoints present as superseded, so that a later automatic restart never goes back to them.
 *
 * @param path       the checkpoint or savepoint to restore, or null to start with empty state
 * @param checkpoint what is known about it when it lies in the checkpoint folder, or null
 */
record ResumePoint(String path, Checkpoint checkpoint) {
    static final String EMPTY_STATE = "with empty models, from the consumer group's committed offsets "
            + "(job.start-from where it has none)";

    static ResumePoint choose(RetainedCheckpoints retained, String checkpointDir, String restore, boolean fresh,
                              PrintStream out) throws IOException {
        if (fresh) {
            List<Checkpoint> left = retained.all();
            out.println("witness: --fresh: starting " + EMPTY_STATE + "; " + (left.isEmpty()
                    ? "no retained checkpoint in " + checkpointDir
                    : "leaving " + left.size() + " retained checkpoint(s) (" + mib(left) + ") in " + checkpointDir
                    + ", newest " + left.get(left.size() - 1).path() + ": not deleted, never resumed from by itself "
                    + "again; --restore PATH still takes one, and you may delete them once this run has checkpointed"));
            retained.supersedeAllBut(null, "--fresh");
            return new ResumePoint(null, null);
        }
        if (restore != null) {
            Checkpoint known = retained.all().stream()
                    .filter(c -> c.path().equals(retainedPath(restore))).findFirst().orElse(null);
            out.println("witness: resuming from " + restore + " (--restore" + (known == null ? "" : ", " + known.describe())
                    + "); the other checkpoints in " + checkpointDir + " are not resumed from by themselves any more");
            retained.supersedeAllBut(retainedPath(restore), "--restore " + restore);
            return new ResumePoint(restore, known);
        }
        return retained.newest().map(c -> {
            out.println("witness: resuming from " + c.path() + " (" + c.describe() + "), the newest complete "
                    + "checkpoint in " + checkpointDir + "; --restore PATH picks another, --fresh starts anew");
            return new ResumePoint(c.path(), c);
        }).orElseGet(() -> {
            out.println("witness: no checkpoint to resume from in " + checkpointDir + ": starting " + EMPTY_STATE);
            return new ResumePoint(null, null);
        });
    }

    private static String retainedPath(String restore) {
        String p = restore.endsWith("/_metadata") ? restore.substring(0, restore.length() - "/_metadata".length()) : restore;
        return RetainedCheckpoints.qualified(p);
    }

    private static String mib(List<Checkpoint> cs) {
        return String.format(Locale.ROOT, "%.1f MiB", cs.stream().mapToLong(Checkpoint::bytes).sum() / 1048576.0);
    }
}
