package io.witness.operators.monitor;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What shapes a method's per-key state bytes: the method's name and, in a fixed order, the configured
 * values that decide the layout or the meaning of the bytes it writes (feature count, bettor, window
 * sizes, dictionary caps, input dimensions…). A state written under one shape must never be read under
 * another: the streaming layer stores {@link #digest()} with every key's state and the whole shape once
 * per job, and refuses a restore whose shape changed, naming the parameter ({@link #firstDifference}).
 *
 * <p>Parameters that only steer decisions (α, resolve-after, thresholds, bootstrap draws, learning
 * rates) are not part of the shape: they may change between runs. Each method declares its own shape
 * ({@link MonitorFactory#stateShape()}), so a method that changes its defaults changes its shape only if
 * the resolved value changes.
 *
 * <p>Values are kept as canonical text: integers in decimal, reals as {@link Double#toHexString} (exact,
 * the same on every JVM), choices in the configuration's lower-case-with-dashes spelling. The digest is
 * the first 8 bytes of SHA-256 over the canonical encoding (never 0: that marks "no digest").
 */
public final class StateShape {

    /** How a value is written and shown. */
    public enum Type {
        INTEGER, REAL, FLAG, CHOICE, TEXT, MILLIS;

        String show(String canonical) {
            return switch (this) {
                case REAL -> Double.toString(Double.parseDouble(canonical));
                case MILLIS -> canonical + " ms";
                default -> canonical;
            };
        }
    }

    /** One state-shaping parameter. */
    public record Parameter(String name, Type type, String value) {
        public Parameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
        }

        /** The value as a user reads it (a real in decimal, a duration with its unit). */
        public String shown() {
            return type.show(value);
        }
    }

    /** Written before the parameters by {@link #write}. */
    private static final int RECORD_VERSION = 1;

    private final String method;
    private final List<Parameter> parameters;
    private final long digest;

    private StateShape(String method, List<Parameter> parameters) {
        this.method = method;
        this.parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
        this.digest = computeDigest();
    }

    /** A shape of {@code method} that starts with the input dimension of every role ({@code x dimension}). */
    public static Builder of(String method, List<MonitorFactory.Role> roles) {
        Builder b = new Builder(method);
        for (MonitorFactory.Role r : roles) {
            b.integer(r.name() + " dimension", r.dimension());
        }
        return b;
    }

    /** Builds a shape parameter by parameter, in the order the method fixes. */
    public static final class Builder {
        private final String method;
        private final List<Parameter> parameters = new ArrayList<>();

        private Builder(String method) {
            this.method = Objects.requireNonNull(method, "method");
        }

        public Builder integer(String name, long value) {
            return add(name, Type.INTEGER, Long.toString(value));
        }

        public Builder real(String name, double value) {
            return add(name, Type.REAL, Double.toHexString(value));
        }

        public Builder flag(String name, boolean value) {
            return add(name, Type.FLAG, Boolean.toString(value));
        }

        /** An enum, spelt as in the configuration ({@code A_GRAPA} → {@code a-grapa}). */
        public Builder choice(String name, Enum<?> value) {
            return add(name, Type.CHOICE, value.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }

        /** A choice that is not an enum (e.g. where the model comes from). */
        public Builder choice(String name, String value) {
            return add(name, Type.CHOICE, value);
        }

        public Builder text(String name, String value) {
            return add(name, Type.TEXT, value);
        }

        public Builder millis(String name, long value) {
            return add(name, Type.MILLIS, Long.toString(value));
        }

        private Builder add(String name, Type type, String value) {
            for (Parameter p : parameters) {
                if (p.name().equals(name)) {
                    throw new IllegalArgumentException("state shape of " + method + " names '" + name + "' twice");
                }
            }
            parameters.add(new Parameter(name, type, value));
            return this;
        }

        public StateShape build() {
            return new StateShape(method, parameters);
        }
    }

    public String method() {
        return method;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    /** 64-bit digest of method and parameters, never 0. */
    public long digest() {
        return digest;
    }

    /**
     * What differs from {@code written} (the shape a state was written under), as a phrase naming the
     * first parameter that changed, e.g. {@code parameter 'bettor' changed (ons -> agrapa)}; null when
     * the shapes are equal.
     */
    public String firstDifference(StateShape written) {
        if (!method.equals(written.method)) {
            return "method changed (" + written.method + " -> " + method + ")";
        }
        for (Parameter now : parameters) {
            Parameter then = written.find(now.name());
            if (then == null) {
                return "parameter '" + now.name() + "' is new in this shape (now " + now.shown() + ")";
            }
            if (!then.equals(now)) {
                return "parameter '" + now.name() + "' changed (" + then.shown() + " -> " + now.shown() + ")";
            }
        }
        for (Parameter then : written.parameters) {
            if (find(then.name()) == null) {
                return "parameter '" + then.name() + "' is no longer part of the shape (was " + then.shown() + ")";
            }
        }
        return digest == written.digest ? null : "state shape changed";
    }

    private Parameter find(String name) {
        for (Parameter p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** {@code skit(x dimension=1, y dimension=1, witness=rff, features=64, …)}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(method).append('(');
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            s.append(i == 0 ? "" : ", ").append(p.name()).append('=').append(p.shown());
        }
        return s.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateShape s && s.method.equals(method) && s.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(digest);
    }

    /**
     * The shape as bytes: version (1 byte), method (modified UTF-8), parameter count (2 bytes), then per
     * parameter its name, type ordinal (1 byte) and canonical value. The same bytes feed the digest.
     */
    public void write(DataOutput out) throws IOException {
        out.writeByte(RECORD_VERSION);
        out.writeUTF(method);
        out.writeShort(parameters.size());
        for (Parameter p : parameters) {
            out.writeUTF(p.name());
            out.writeByte(p.type().ordinal());
            out.writeUTF(p.value());
        }
    }

    public static StateShape read(DataInput in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != RECORD_VERSION) {
            throw new IOException("unknown state-shape record version " + version + " (this build reads " + RECORD_VERSION + ")");
        }
        String method = in.readUTF();
        int n = in.readUnsignedShort();
        List<Parameter> ps = new ArrayList<>(n);
        Type[] types = Type.values();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            int t = in.readUnsignedByte();
            if (t >= types.length) {
                throw new IOException("state-shape parameter '" + name + "' has unknown type " + t);
            }
            ps.add(new Parameter(name, types[t], in.readUTF()));
        }
        return new StateShape(method, ps);
    }

    private long computeDigest() {
        StateOutput out = new StateOutput(64);
        try {
            write(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);   // StateOutput does not throw
        }
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest(out.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
        long d = 0;
        for (int i = 0; i < 8; i++) {
            d = (d << 8) | (h[i] & 0xFF);
        }
        return d == 0 ? 1 : d;
    }

    /** A digest as 16 hex digits, for messages. */
    public static String hex(long digest) {
        return String.format(Locale.ROOT, "%016x", digest);
    }
}
