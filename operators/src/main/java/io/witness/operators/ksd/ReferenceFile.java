package io.witness.operators.ksd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A reference sample in a file: one point per line, d numbers separated by commas (or whitespace), in
 * the monitor's field order. Blank lines and lines starting with {@code #} are skipped, and so is a
 * first line that is not numeric (a CSV header). The file is read once, when the monitor is configured,
 * so it must be readable wherever the job runs.
 */
public final class ReferenceFile {

    /** At most this many points are read (larger files are an error, not silently cut). */
    public static final int MAX_POINTS = 1_000_000;

    private ReferenceFile() {
    }

    /** Row-major points; throws {@link IllegalArgumentException} naming the line of any problem. */
    public static double[] read(Path file, int d) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read reference file " + file + ": " + e.getMessage());
        }
        double[] out = new double[Math.min(lines.size(), MAX_POINTS) * d];
        int n = 0;
        boolean first = true;
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("[,\\s]+");
            if (first && !isNumber(parts[0])) {
                first = false;
                continue;
            }
            first = false;
            if (parts.length != d) {
                throw new IllegalArgumentException("reference file " + file + " line " + (ln + 1) + ": expected " + d
                        + " numbers, got " + parts.length);
            }
            if (n >= MAX_POINTS) {
                throw new IllegalArgumentException("reference file " + file + " has more than " + MAX_POINTS + " points");
            }
            for (int a = 0; a < d; a++) {
                double v;
                try {
                    v = Double.parseDouble(parts[a]);
                } catch (NumberFormatException e) {
                    v = Double.NaN;
                }
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("reference file " + file + " line " + (ln + 1)
                            + ": '" + parts[a] + "' is not a finite number");
                }
                out[n * d + a] = v;
            }
            n++;
        }
        if (n < 2) {
            throw new IllegalArgumentException("reference file " + file + " needs at least 2 points, has " + n);
        }
        return java.util.Arrays.copyOf(out, n * d);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
