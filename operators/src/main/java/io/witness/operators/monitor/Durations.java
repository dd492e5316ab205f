package io.witness.operators.monitor;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration parser of the project (configuration fields, CLI options, method parameters):
 * {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or plain milliseconds.
 */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private Durations() {
    }

    /** Throws {@link IllegalArgumentException} "expected a duration like …, got '…'" or "… is too large". */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration like 250ms, 30s, 5m, 2h, got '" + text + "'");
        }
        long unit = switch (m.group(2) == null ? "ms" : m.group(2)) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> 86_400_000L;
        };
        long v;
        try {
            v = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        // a quarter of the range: callers add durations to event times without overflowing
        if (v > Long.MAX_VALUE / unit / 4) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return Duration.ofMillis(v * unit);
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000L == 0 && ms > 0) {
            return ms / 86_400_000L + "d";
        } else if (ms % 3_600_000L == 0 && ms > 0) {
            return ms / 3_600_000L + "h";
        } else if (ms % 60_000L == 0 && ms > 0) {
            return ms / 60_000L + "m";
        } else if (ms % 1000L == 0 && ms > 0) {
            return ms / 1000L + "s";
        }
        return ms + "ms";
    }
}
