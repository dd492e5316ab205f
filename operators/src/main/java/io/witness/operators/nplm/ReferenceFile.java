package io.witness.operators.nplm;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a reference sample of field values for {@code nplm} (parameter {@code reference}). Blank lines
 * are skipped; every other line is one reference event; any bad line fails the whole file with its
 * line number (a configuration error, reported at start-up).
 * <ul>
 * <li><b>CSV</b> ({@code .csv}): numbers separated by commas. If the first line is not all numbers it is
 * a header: with {@code field-names}, the columns of those names are read (a vector field
 * {@code emb[8]} reads columns {@code emb[0]} … {@code emb[7]}), in that order; without, the file must
 * have exactly d columns. Without a header, every line holds exactly d numbers in input order.</li>
 * <li><b>JSON lines</b> (any other extension): each line a JSON array of d numbers in input order, or an
 * object — an Event as on the input topic ({@code {"key":…,"time":…,"fields":{…}}}) or a flat object of
 * fields — from which {@code field-names} picks the values (a vector field takes an array of its
 * width). A dump of the input topic is thus a valid reference file.</li>
 * </ul>
 */
final class ReferenceFile {

    private ReferenceFile() {
    }

    /** The rows of the file, row-major {@code n × d}. */
    record Rows(double[] values, int count) {
    }

    static Rows read(Path file, int d, List<FieldNames.Field> fields) {
        List<String> lines;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines = r.lines().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("parameter 'reference': cannot read " + file + ": " + e.getMessage(), e);
        }
        boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        double[] out = new double[Math.max(1, lines.size()) * d];
        int n = csv ? csv(file, lines, d, fields, out) : jsonLines(file, lines, d, fields, out);
        if (n == 0) {
            throw new IllegalArgumentException("parameter 'reference': " + file + " holds no events");
        }
        return new Rows(out, n);
    }

    private static int csv(Path file, List<String> lines, int d, List<FieldNames.Field> fields, double[] out) {
        int n = 0;
        int[] columns = null;
        boolean first = true;
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (first) {
                first = false;
                if (!allNumbers(cells)) {
                    columns = headerColumns(file, cells, d, fields);
                    continue;
                }
            }
            if (columns == null && cells.length != d) {
                throw bad(file, ln, "expected " + d + " numbers, found " + cells.length + " cells");
            }
            for (int k = 0; k < d; k++) {
                int c = columns == null ? k : columns[k];
                if (c >= cells.length) {
                    throw bad(file, ln, "missing column " + (c + 1));
                }
                out[n * d + k] = finite(file, ln, cells[c].strip());
            }
            n++;
        }
        return n;
    }

    private static int[] headerColumns(Path file, String[] header, int d, List<FieldNames.Field> fields) {
        int[] cols = new int[d];
        if (fields == null) {
            if (header.length != d) {
                throw bad(file, 0, "the header has " + header.length + " columns but the monitor has " + d
                        + " fields; set 'field-names' to choose the columns");
            }
            for (int k = 0; k < d; k++) {
                cols[k] = k;
            }
            return cols;
        }
        List<String> names = FieldNames.expand(fields);
        for (int k = 0; k < d; k++) {
            cols[k] = -1;
            for (int c = 0; c < header.length; c++) {
                if (header[c].strip().equals(names.get(k))) {
                    cols[k] = c;
                    break;
                }
            }
            if (cols[k] < 0) {
                throw bad(file, 0, "no column '" + names.get(k) + "' in the header");
            }
        }
        return cols;
    }

    private static int jsonLines(Path file, List<String> lines, int d, List<FieldNames.Field> fields, double[] out) {
        int n = 0;
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).strip();
            if (line.isEmpty()) {
                continue;
            }
            Object v;
            try {
                v = MiniJson.parse(line);
            } catch (IllegalArgumentException e) {
                throw bad(file, ln, "not JSON: " + e.getMessage());
            }
            if (v instanceof List<?> a) {
                if (a.size() != d) {
                    throw bad(file, ln, "expected an array of " + d + " numbers, found " + a.size() + " elements");
                }
                for (int k = 0; k < d; k++) {
                    out[n * d + k] = number(file, ln, a.get(k), "element " + k);
                }
            } else if (v instanceof Map<?, ?> o) {
                if (fields == null) {
                    throw bad(file, ln, "JSON objects need 'field-names' to say which fields to read");
                }
                Object inner = o.get("fields");
                Map<?, ?> src = inner instanceof Map<?, ?> f ? f : o;
                int k = 0;
                for (FieldNames.Field f : fields) {
                    Object x = src.get(f.name());
                    if (x == null) {
                        throw bad(file, ln, "no field '" + f.name() + "'");
                    }
                    if (f.vector()) {
                        if (!(x instanceof List<?> a) || a.size() != f.width()) {
                            throw bad(file, ln, "field '" + f.name() + "' must be an array of " + f.width() + " numbers");
                        }
                        for (Object e : a) {
                            out[n * d + k++] = number(file, ln, e, "field '" + f.name() + "'");
                        }
                    } else {
                        out[n * d + k++] = number(file, ln, x, "field '" + f.name() + "'");
                    }
                }
            } else {
                throw bad(file, ln, "expected a JSON array or object");
            }
            n++;
        }
        return n;
    }

    private static boolean allNumbers(String[] cells) {
        for (String c : cells) {
            try {
                Double.parseDouble(c.strip());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private static double finite(Path file, int ln, String cell) {
        double v;
        try {
            v = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw bad(file, ln, "'" + cell + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw bad(file, ln, "'" + cell + "' is not finite");
        }
        return v;
    }

    private static double number(Path file, int ln, Object o, String what) {
        if (!(o instanceof Double v) || !Double.isFinite(v)) {
            throw bad(file, ln, what + " is not a finite number");
        }
        return v;
    }

    private static IllegalArgumentException bad(Path file, int ln, String what) {
        return new IllegalArgumentException("parameter 'reference': " + file + " line " + (ln + 1) + ": " + what);
    }
}
