package io.witness.operators.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a reference sample — points the goodness-of-fit and drift methods are fitted on — from a file
 * into a row-major {@code double[]}: parsing belongs here at the edge, the methods receive numbers.
 * One format for every method, recognised by content (the first line that is not blank or a comment):
 * <ul>
 * <li><b>JSON lines</b> when it starts with {@code [} or <code>{</code>: each line a JSON array of d numbers in
 * input order, or an object — an Event as on the input topic ({@code {"key":…,"time":…,"fields":{…}}})
 * or a flat object of fields — from which the named {@link Field}s are read (a vector field takes an array
 * of its width). A dump of the input topic is thus a valid reference file.</li>
 * <li><b>CSV</b> otherwise (RFC 4180, {@link CsvRecords}): if the first record is not all numbers it is a
 * header, and with named fields those columns are read ({@code emb[8]} reads {@code emb[0]} …
 * {@code emb[7]}), in that order; without names the header must have d columns. Without a header every
 * record holds exactly d numbers in input order.</li>
 * </ul>
 * Blank lines and lines starting with {@code #} are skipped. Every other problem fails the whole file
 * with its line number ({@link IllegalArgumentException}: a configuration error, reported at start-up).
 */
public final class ReferenceSample {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One named input field: its name and how many inputs it holds (1 for a scalar). */
    public record Field(String name, int width, boolean vector) {

        /** One column name per input: scalars as is, vectors expanded to {@code name[i]}. */
        public static List<String> columns(List<Field> fields) {
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
    }

    /** The rows of a file, row-major {@code count × d}. */
    public record Rows(double[] values, int count) {
    }

    private final Path file;
    private final int d;
    private final List<Field> fields;
    private final String namingParameter;
    private final int maxRows;
    private double[] out;
    private int n;

    private ReferenceSample(Path file, int d, List<Field> fields, String namingParameter, int maxRows) {
        this.file = file;
        this.d = d;
        this.fields = fields;
        this.namingParameter = namingParameter;
        this.maxRows = maxRows;
        this.out = new double[16 * d];
    }

    /**
     * @param fields          the inputs by name, or null to read them by position
     * @param namingParameter the method parameter that names the fields (for error texts), or null if none
     * @param maxRows         more rows are an error, not silently cut
     */
    public static Rows read(Path file, int d, List<Field> fields, String namingParameter, int maxRows) {
        ReferenceSample r = new ReferenceSample(file, d, fields, namingParameter, maxRows);
        try {
            if (startsWithJson(file)) {
                r.jsonLines();
            } else {
                r.csv();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + reason(e));
        }
        return new Rows(Arrays.copyOf(r.out, r.n * d), r.n);
    }

    /** True when the first line that is not blank or a comment starts a JSON array or object. */
    private static boolean startsWithJson(Path file) throws IOException {
        try (LineReader lines = new LineReader(Files.newInputStream(file))) {
            byte[] line;
            while ((line = lines.next()) != null) {
                String t = new String(line, java.nio.charset.StandardCharsets.UTF_8).strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    return t.startsWith("[") || t.startsWith("{");
                }
            }
            return false;
        }
    }

    /** Lines, not CSV records: a JSON string may hold an odd number of quotes. */
    private void jsonLines() throws IOException {
        try (LineReader lines = new LineReader(Files.newInputStream(file))) {
            byte[] line;
            while ((line = lines.next()) != null) {
                String text = content(lines.lineNumber(), line);
                if (text != null) {
                    jsonLine(lines.lineNumber(), text);
                }
            }
        }
    }

    private void csv() throws IOException {
        int[] columns = null;
        boolean first = true;
        try (CsvRecords records = new CsvRecords(new LineReader(Files.newInputStream(file)))) {
            byte[] rec;
            while ((rec = records.next()) != null) {
                long ln = records.firstLine();
                String text = content(ln, rec);
                if (text == null) {
                    continue;
                }
                if (records.unterminated()) {
                    throw bad(ln, "a quoted cell is not closed");
                }
                List<String> cells;
                try {
                    cells = CsvRecords.cells(text);
                } catch (CsvException e) {
                    throw bad(ln, e.getMessage());
                }
                if (first) {
                    first = false;
                    if (!allNumbers(cells)) {
                        columns = headerColumns(ln, cells);
                        continue;
                    }
                }
                if (columns == null && cells.size() != d) {
                    throw bad(ln, "expected " + d + " numbers, found " + cells.size() + " cells");
                }
                double[] row = row(ln);
                for (int k = 0; k < d; k++) {
                    int c = columns == null ? k : columns[k];
                    if (c >= cells.size()) {
                        throw bad(ln, "missing column " + (c + 1));
                    }
                    row[n * d + k] = finite(ln, cells.get(c).strip());
                }
                n++;
            }
        }
    }

    /** The record's text, or null for a blank or comment line. */
    private String content(long ln, byte[] rec) {
        String text;
        try {
            text = CsvRecords.utf8(rec).strip();
        } catch (CsvException e) {
            throw bad(ln, e.getMessage());
        }
        return text.isEmpty() || text.startsWith("#") ? null : text;
    }

    private int[] headerColumns(long ln, List<String> header) {
        int[] cols = new int[d];
        if (fields == null) {
            if (header.size() != d) {
                throw bad(ln, "the header has " + header.size() + " columns but the monitor has " + d + " fields"
                        + (namingParameter == null ? "" : "; set '" + namingParameter + "' to choose the columns"));
            }
            for (int k = 0; k < d; k++) {
                cols[k] = k;
            }
            return cols;
        }
        List<String> names = Field.columns(fields);
        for (int k = 0; k < d; k++) {
            cols[k] = -1;
            for (int c = 0; c < header.size(); c++) {
                if (header.get(c).strip().equals(names.get(k))) {
                    cols[k] = c;
                    break;
                }
            }
            if (cols[k] < 0) {
                throw bad(ln, "no column '" + names.get(k) + "' in the header");
            }
        }
        return cols;
    }

    private void jsonLine(long ln, String text) {
        JsonNode v;
        try {
            v = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw bad(ln, "not JSON: " + ParseErrors.describe(e));
        }
        double[] row = row(ln);
        if (v.isArray()) {
            if (v.size() != d) {
                throw bad(ln, "expected an array of " + d + " numbers, found " + v.size() + " elements");
            }
            for (int k = 0; k < d; k++) {
                row[n * d + k] = number(ln, v.get(k), "element " + k);
            }
        } else if (v.isObject()) {
            if (fields == null) {
                throw bad(ln, "JSON objects need " + (namingParameter == null ? "field names"
                        : "'" + namingParameter + "'") + " to say which fields to read");
            }
            JsonNode inner = v.get("fields");
            JsonNode src = inner != null && inner.isObject() ? inner : v;
            int k = 0;
            for (Field f : fields) {
                JsonNode x = src.get(f.name());
                if (x == null || x.isNull()) {
                    throw bad(ln, "no field '" + f.name() + "'");
                }
                if (f.vector()) {
                    if (!x.isArray() || x.size() != f.width()) {
                        throw bad(ln, "field '" + f.name() + "' must be an array of " + f.width() + " numbers");
                    }
                    for (JsonNode e : x) {
                        row[n * d + k++] = number(ln, e, "field '" + f.name() + "'");
                    }
                } else {
                    row[n * d + k++] = number(ln, x, "field '" + f.name() + "'");
                }
            }
        } else {
            throw bad(ln, "expected a JSON array or object");
        }
        n++;
    }

    /** The buffer, with room for one more row. */
    private double[] row(long ln) {
        if (n >= maxRows) {
            throw bad(ln, "more than " + maxRows + " rows");
        }
        if ((n + 1) * d > out.length) {
            out = Arrays.copyOf(out, (int) Math.min((long) out.length * 2, (long) maxRows * d));
        }
        return out;
    }

    private static boolean allNumbers(List<String> cells) {
        for (String c : cells) {
            try {
                Double.parseDouble(c.strip());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private double finite(long ln, String cell) {
        double v;
        try {
            v = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw bad(ln, "'" + cell + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw bad(ln, "'" + cell + "' is not finite");
        }
        return v;
    }

    private double number(long ln, JsonNode x, String what) {
        if (x == null || !x.isNumber() || !Double.isFinite(x.doubleValue())) {
            throw bad(ln, what + " is not a finite number");
        }
        return x.doubleValue();
    }

    private IllegalArgumentException bad(long ln, String what) {
        return new IllegalArgumentException(file + " line " + ln + ": " + what);
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }
}
