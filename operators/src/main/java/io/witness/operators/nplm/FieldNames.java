package io.witness.operators.nplm;

import io.witness.operators.files.ReferenceSample.Field;

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
        return Field.columns(fields);
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
