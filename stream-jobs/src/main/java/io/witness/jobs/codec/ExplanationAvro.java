package io.witness.jobs.codec;

import io.witness.operators.monitor.ExplanationValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A step's typed explanation as the values of {@code Evidence.explanation}, a map whose values are the
 * union {@code [string, double, long, boolean, array<[double, string, array<double>]>]} (schemas/README.md):
 * text → string, number → double, integer → long, boolean → boolean, vector → array of doubles, matrix →
 * array of arrays of doubles, names → array of strings. The order of the entries is kept.
 */
public final class ExplanationAvro {

    private ExplanationAvro() {
    }

    public static Map<String, Object> toAvro(Map<String, ExplanationValue> explanation) {
        Map<String, Object> out = new LinkedHashMap<>(explanation.size() * 2);
        explanation.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    static Object value(ExplanationValue v) {
        if (v instanceof ExplanationValue.Num n) {
            return n.value();
        } else if (v instanceof ExplanationValue.Count c) {
            return c.value();
        } else if (v instanceof ExplanationValue.Flag f) {
            return f.value();
        } else if (v instanceof ExplanationValue.Text t) {
            return t.value();
        } else if (v instanceof ExplanationValue.Vector x) {
            // read in place: values() and rows() hand out defensive copies, and this runs once per evidence record
            List<Object> out = new ArrayList<>(x.size());
            for (int i = 0; i < x.size(); i++) {
                out.add(x.get(i));
            }
            return out;
        } else if (v instanceof ExplanationValue.Matrix m) {
            List<Object> rows = new ArrayList<>(m.rowCount());
            for (int i = 0; i < m.rowCount(); i++) {
                List<Object> row = new ArrayList<>(m.rowLength(i));
                for (int j = 0; j < m.rowLength(i); j++) {
                    row.add(m.get(i, j));
                }
                rows.add(row);
            }
            return rows;
        } else {
            return new ArrayList<Object>(((ExplanationValue.Names) v).values());
        }
    }
}
