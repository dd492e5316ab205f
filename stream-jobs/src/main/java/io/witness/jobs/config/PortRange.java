package io.witness.jobs.config;

import java.io.Serializable;

/**
 * A TCP port or a range of them, written {@code 9464} or {@code 9464-9479} (the form of Flink's
 * {@code metrics.reporter.prom.port}): each JVM takes the first free one, so several TaskManagers on one
 * host each get an endpoint. {@code 0} means none.
 */
public record PortRange(int first, int last) implements Serializable {
    public static final PortRange NONE = new PortRange(0, 0);

    public PortRange {
        if (first < 0 || last < first || last > 65535) {
            throw new IllegalArgumentException("not a port range: " + first + "-" + last);
        }
    }

    public static PortRange single(int port) {
        return new PortRange(port, port);
    }

    /** {@code "9464"} or {@code "9464-9479"}; an IllegalArgumentException says what is wrong. */
    public static PortRange parse(String text) {
        String t = text.trim();
        int dash = t.indexOf('-');
        try {
            if (dash < 0) {
                return single(Integer.parseInt(t));
            }
            int a = Integer.parseInt(t.substring(0, dash).trim());
            int b = Integer.parseInt(t.substring(dash + 1).trim());
            if (a == 0) {
                throw new IllegalArgumentException("a range cannot start at 0, got '" + t + "'");
            }
            return new PortRange(a, b);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a port or a range such as 9464-9479, got '" + t + "'");
        }
    }

    public boolean off() {
        return first == 0;
    }

    @Override
    public String toString() {
        return first == last ? String.valueOf(first) : first + "-" + last;
    }
}
