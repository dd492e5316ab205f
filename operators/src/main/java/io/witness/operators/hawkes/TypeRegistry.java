package io.witness.operators.hawkes;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The event types of one key, in order of first appearance: type → dimension. At most
 * {@code maxTypes} named types; events of any further type share one overflow dimension named
 * {@value #OTHER} (created when first needed), so a key's process has at most {@code maxTypes + 1}
 * dimensions and its state stays bounded. Names are cut to {@value #MAX_NAME_CHARS} characters; a
 * missing type is {@value #NONE}.
 */
final class TypeRegistry {
    static final String OTHER = "(other)";
    static final String NONE = "(none)";
    static final int MAX_NAME_CHARS = 100;

    private final int maxTypes;
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private int other = -1;

    TypeRegistry(int maxTypes) {
        this.maxTypes = maxTypes;
    }

    int size() {
        return names.size();
    }

    String name(int i) {
        return names.get(i);
    }

    List<String> names() {
        return names;
    }

    /** Index of the overflow dimension, or −1 if no type has overflowed yet. */
    int otherIndex() {
        return other;
    }

    /** The dimension of a type, adding one (a named type or the overflow bucket) if needed. */
    int resolve(String rawType) {
        String type = normalise(rawType);
        Integer i = index.get(type);
        if (i != null) {
            return i;
        }
        if (names.size() - (other >= 0 ? 1 : 0) < maxTypes && !type.equals(OTHER)) {
            names.add(type);
            index.put(type, names.size() - 1);
            return names.size() - 1;
        }
        if (other < 0) {
            names.add(OTHER);
            other = names.size() - 1;
            index.put(OTHER, other);
        }
        return other;
    }

    static String normalise(String type) {
        if (type == null || type.isEmpty()) {
            return NONE;
        }
        return type.length() > MAX_NAME_CHARS ? type.substring(0, MAX_NAME_CHARS) : type;
    }

    /** Bytes {@link #write} writes. */
    int stateBytes() {
        int b = 2 + 2;
        for (String n : names) {
            b += 2 + utf8Length(n);
        }
        return b;
    }

    /** Modified UTF-8 length as {@link DataOutput#writeUTF} writes it (no NUL or surrogate tricks needed: counts chars). */
    private static int utf8Length(String s) {
        int len = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            len += (c >= 0x0001 && c <= 0x007F) ? 1 : (c <= 0x07FF ? 2 : 3);
        }
        return len;
    }

    void write(DataOutput out) throws IOException {
        out.writeShort(names.size());
        out.writeShort(other);
        for (String n : names) {
            out.writeUTF(n);
        }
    }

    static TypeRegistry read(DataInput in, int maxTypes) throws IOException {
        TypeRegistry r = new TypeRegistry(maxTypes);
        int n = in.readShort();
        int other = in.readShort();
        if (n < 0 || n > maxTypes + 1 || other < -1 || other >= Math.max(n, 1)) {
            throw new IOException("Hawkes state has " + n + " types (overflow index " + other + "); this monitor allows "
                    + maxTypes + " named types + 1 overflow");
        }
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            r.names.add(name);
            r.index.put(name, i);
        }
        r.other = other;
        return r;
    }

}
