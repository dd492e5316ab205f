package io.witness.operators.monitor;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, validated access to a monitor's parameter map. Every getter records the name it was asked
 * for, so {@link #rejectUnknown()} can name parameters nobody reads (typos must not pass silently).
 */
public final class Params {

    private final Map<String, Object> raw;
    private final Set<String> read = new HashSet<>();

    public Params(Map<String, Object> raw) {
        this.raw = raw == null ? Map.of() : raw;
    }

    public double getDouble(String name, double dflt, double minInclusive, double maxInclusive) {
        read.add(name);
        Object v = raw.get(name);
        if (v == null) {
            return dflt;
        }
        double d;
        if (v instanceof Number num) {
            d = num.doubleValue();
        } else {
            try {
                d = Double.parseDouble(v.toString().trim());
            } catch (NumberFormatException e) {
                throw bad(name, "must be a number, got '" + v + "'");
            }
        }
        if (!Double.isFinite(d) || d < minInclusive || d > maxInclusive) {
            throw bad(name, "must be in [" + minInclusive + ", " + maxInclusive + "], got " + v);
        }
        return d;
    }

    public int getInt(String name, int dflt, int minInclusive, int maxInclusive) {
        read.add(name);
        Object v = raw.get(name);
        if (v == null) {
            return dflt;
        }
        long l;
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            l = ((Number) v).longValue();
        } else {
            try {
                l = Long.parseLong(v.toString().trim());
            } catch (NumberFormatException e) {
                throw bad(name, "must be a whole number, got '" + v + "'");
            }
        }
        if (l < minInclusive || l > maxInclusive) {
            throw bad(name, "must be in [" + minInclusive + ", " + maxInclusive + "], got " + v);
        }
        return (int) l;
    }

    public long getLong(String name, long dflt) {
        read.add(name);
        Object v = raw.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return v instanceof Number num && !(v instanceof Double) && !(v instanceof Float)
                    ? num.longValue() : Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw bad(name, "must be a whole number, got '" + v + "'");
        }
    }

    public boolean getBoolean(String name, boolean dflt) {
        read.add(name);
        Object v = raw.get(name);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw bad(name, "must be true or false, got '" + v + "'");
    }

    /** An enum parameter, written in the configuration in lower case with dashes (e.g. {@code a-grapa}). */
    public <E extends Enum<E>> E getEnum(String name, Class<E> type, E dflt) {
        read.add(name);
        Object v = raw.get(name);
        if (v == null) {
            return dflt;
        }
        String s = v.toString().trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(s)) {
                return e;
            }
        }
        Set<String> allowed = new TreeSet<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw bad(name, "must be one of " + allowed + ", got '" + v + "'");
    }

    /** A text parameter, trimmed (a number or boolean in the configuration comes back as its text). */
    public String getString(String name, String dflt) {
        read.add(name);
        Object v = raw.get(name);
        return v == null ? dflt : v.toString().trim();
    }

    /** A number in the open interval (0, 1), e.g. a bettor's truncation. */
    public double getOpenUnit(String name, double dflt) {
        double v = getDouble(name, dflt, 0.0, 1.0);
        if (v <= 0.0 || v >= 1.0) {
            throw bad(name, "must be in (0, 1), got " + v);
        }
        return v;
    }

    /** An optional number &gt; 0 (e.g. a fixed bandwidth); NaN when absent, meaning "choose from data". */
    public double getOptionalPositive(String name) {
        if (!has(name)) {
            return Double.NaN;
        }
        double v = getDouble(name, Double.NaN, 0.0, Double.MAX_VALUE);
        if (v <= 0.0) {
            throw bad(name, "must be > 0, got " + v);
        }
        return v;
    }

    /** True when the parameter is present in the configuration. */
    public boolean has(String name) {
        read.add(name);
        return raw.get(name) != null;
    }

    /** Fails on any parameter that no getter asked for. Call after reading all parameters. */
    public void rejectUnknown() {
        Set<String> unknown = new TreeSet<>(raw.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            throw bad(first, "unknown parameter (known: " + new TreeSet<>(read) + ")");
        }
    }

    private static IllegalArgumentException bad(String name, String problem) {
        return new IllegalArgumentException("parameter '" + name + "' " + problem);
    }
}
