package io.witness.jobs.config;

import java.io.Serializable;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The event times Witness accepts ({@code job.event-time-min} .. {@code job.event-time-max}, both
 * inclusive, epoch ms). An event outside is a {@code TIME_OUT_OF_RANGE} dead letter: a time before 1970 or
 * centuries ahead is a producer's bug (seconds or microseconds for milliseconds, a zero or garbage field),
 * and admitted it would move its key's clock, so that every later, good event of that key became LATE.
 * Fixed instants rather than a window around the wall clock, so that replay and the streaming job reject
 * exactly the same records whenever they run.
 */
public record EventTimeRange(long minMillis, long maxMillis) implements Serializable {
    /** 1970-01-01T00:00:00Z. */
    public static final long DEFAULT_MIN = 0L;
    /** 2200-01-01T00:00:00Z. */
    public static final long DEFAULT_MAX = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();

    public EventTimeRange {
        if (minMillis > maxMillis) {
            throw new IllegalArgumentException("event-time-min " + Instant.ofEpochMilli(minMillis)
                    + " is after event-time-max " + Instant.ofEpochMilli(maxMillis));
        }
    }

    public static EventTimeRange defaults() {
        return new EventTimeRange(DEFAULT_MIN, DEFAULT_MAX);
    }

    public boolean contains(long time) {
        return time >= minMillis && time <= maxMillis;
    }

    /** The bounds as they are written in the config, for messages. */
    public String describe() {
        return "[" + format(minMillis) + ", " + format(maxMillis) + "]";
    }

    /** ISO-8601 (every long of epoch milliseconds is an {@link Instant}). */
    public static String format(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    /** An instant as written in the config: epoch milliseconds or ISO-8601 ({@code 2200-01-01T00:00:00Z}). */
    static long parse(String s) {
        String v = s.trim();
        if (v.matches("-?\\d{1,19}")) {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("is out of the range of epoch milliseconds: " + v);
            }
        }
        try {
            return Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("must be epoch milliseconds or an ISO-8601 instant such as "
                    + "2200-01-01T00:00:00Z, got '" + v + "'");
        }
    }
}
