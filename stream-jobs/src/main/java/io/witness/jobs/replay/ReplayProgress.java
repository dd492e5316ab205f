package io.witness.jobs.replay;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress line on standard error every few seconds of a long replay: records so far and per
 * second, dead letters so far, and — when the input's size is known — the share read and an ETA.
 * Shown when asked for ({@code --progress}) or, by default, when the JVM runs on an interactive terminal;
 * never mixed into standard output.
 */
public final class ReplayProgress {

    private final PrintStream err;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private long next;
    private int calls;

    public ReplayProgress(PrintStream err, long intervalMillis) {
        this.err = err;
        this.intervalNanos = Math.max(1, intervalMillis) * 1_000_000L;
        this.next = start + intervalNanos;
    }

    /** Called once per record; prints when the interval has passed (the clock is read every 256 records). */
    void tick(ReplayRunner.Result r, ReplayInput in) {
        if ((++calls & 255) != 0) {
            return;
        }
        long now = System.nanoTime();
        if (now < next) {
            return;
        }
        next = now + intervalNanos;
        err.println(line(r.lines, r.deadLetterTotal(), in.bytesRead(), in.size(), (now - start) / 1e9));
    }

    /** E.g. {@code witness: replay: 1250000 records (250000/s), 12 dead letters, 41% of 120.0 MB, ETA 7 s}. */
    static String line(long records, long deadLetters, long bytesRead, long size, double seconds) {
        double rate = records / Math.max(seconds, 1e-9);
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "witness: replay: %d records (%.0f/s), %d dead letters",
                records, rate, deadLetters));
        if (size > 0 && bytesRead > 0) {
            double share = Math.min(1.0, (double) bytesRead / size);
            double eta = seconds * (1 - share) / share;
            b.append(String.format(Locale.ROOT, ", %.0f%% of %.1f MB, ETA %s", 100 * share, size / 1e6, eta(eta)));
        }
        return b.toString();
    }

    private static String eta(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
