package io.witness.operators.nplm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code field-names} parameter: the monitor's input fields as written in its config, comma-separated
 * ({@code latency_ms, error_rate} or {@code cpu, emb[8]}). A vector field {@code name[k]} stands for k
 * inputs named {@code name[0]} … {@code name[k−1]}. Without the parameter, input i is {@code x[i]}.
 */
final class FieldNames {

    private static final Pattern VECTOR = Pattern.compile("(.+)\\[(\\d+)]");

    /** One configured field: its name and how many inputs it holds (1 for a scalar). */
    record Field(String name, int width, boolean vector) {
    }

    private FieldNames() {
    }

    static List<Field> parse(String text) {
        List<Field> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                throw new IllegalArgumentException("parameter 'field-names' has an empty name in '" + text + "'");
            }
            Matcher m = VECTOR.matcher(p);
            if (m.matches()) {
                int k = Integer.parseInt(m.group(2));
                if (k < 1) {
                    throw new IllegalArgumentException("parameter 'field-names': vector field '" + p + "' needs a width >= 1");
                }
                out.add(new Field(m.group(1).trim(), k, true));
            } else {
                out.add(new Field(p, 1, false));
            }
        }
        return out;
    }

    /** One name per input: scalars as is, vectors expanded to {@code name[i]}. */
    static List<String> expand(List<Field> fields) {
        List<String> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.vector()) {
                for (int i = 0; i < f.width(); i++) {
                    out.add(f.name() + "[" + i + "]");
                }
            } else {
                out.add(f.name());
            }
        }
        return out;
    }

    /** {@code x[0]} … {@code x[d−1]}. */
    static List<String> defaults(int d) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            out.add(NplmMethod.ROLE + "[" + i + "]");
        }
        return out;
    }
}
