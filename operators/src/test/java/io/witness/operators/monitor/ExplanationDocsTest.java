package io.witness.operators.monitor;

import io.witness.operators.forecast.ForecastMethod;
import io.witness.operators.hawkes.HawkesMethod;
import io.witness.operators.ksd.KsdMethod;
import io.witness.operators.mmd.MmdBettingMethod;
import io.witness.operators.noop.NoopMethod;
import io.witness.operators.nplm.NplmMethod;
import io.witness.operators.pksd.PksdMethod;
import io.witness.operators.seqksd.SequenceKsdMethod;
import io.witness.operators.skit.SkitMethod;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * schemas/README.md documents every method's explanation keys with their types (issue 15). This runs
 * every method, in the configurations that change its keys, on a small seeded synthetic stream and
 * checks each step against those tables: a key that is not documented, or has another type than
 * documented, fails; so does a documented key that no step emitted unless its row says "Only when".
 * A key written {@code name_<i>} in the table stands for {@code name_} followed by letters or digits.
 */
class ExplanationDocsTest {
    private static final Path DOC = Path.of("..", "schemas", "README.md");
    private static final Pattern HEADING = Pattern.compile("^#### `([a-z0-9-]+)`");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (number|integer|boolean|text|vector|matrix|names) \\| (.*)\\|$");

    record Doc(String type, boolean always) {
    }

    /** method → key (or pattern) → documented type. */
    static Map<String, Map<String, Doc>> documented() throws IOException {
        Map<String, Map<String, Doc>> out = new LinkedHashMap<>();
        Map<String, Doc> current = null;
        boolean inSection = false;
        for (String line : Files.readAllLines(DOC)) {
            if (line.startsWith("## ")) {
                inSection = line.startsWith("## Explanations");
                current = null;
                continue;
            }
            Matcher h = HEADING.matcher(line);
            if (inSection && h.find()) {
                current = out.computeIfAbsent(h.group(1), k -> new LinkedHashMap<>());
                continue;
            }
            Matcher r = ROW.matcher(line);
            if (current != null && r.matches()) {
                current.put(r.group(1), new Doc(r.group(2), !r.group(3).trim().startsWith("Only when")));
            }
        }
        return out;
    }

    /** The documented entry a key matches: itself, or a {@code name_<x>} pattern. */
    private static String entryOf(Map<String, Doc> docs, String key) {
        if (docs.containsKey(key)) {
            return key;
        }
        for (String d : docs.keySet()) {
            int lt = d.indexOf('<');
            if (lt > 0 && d.endsWith(">") && key.startsWith(d.substring(0, lt))
                    && key.substring(lt).matches("[A-Za-z0-9]+")) {
                return d;
            }
        }
        return null;
    }

    @Test
    void everyMethodEmitsExactlyTheDocumentedKeysWithTheDocumentedTypes() throws IOException {
        Map<String, Map<String, Doc>> docs = documented();
        Map<String, List<Step>> runs = runs();
        assertThat(docs.keySet()).as("a table per method in %s", DOC).containsAll(runs.keySet());
        Set<String> problems = new LinkedHashSet<>();
        for (Map.Entry<String, List<Step>> run : runs.entrySet()) {
            String method = run.getKey();
            Map<String, Doc> table = docs.getOrDefault(method, Map.of());
            assertThat(run.getValue()).as("steps of %s", method).isNotEmpty();
            TreeSet<String> seen = new TreeSet<>();
            Map<String, String> undocumented = new TreeMap<>();
            for (Step s : run.getValue()) {
                for (Map.Entry<String, ExplanationValue> e : s.explanation().entrySet()) {
                    String entry = entryOf(table, e.getKey());
                    String type = e.getValue().typeName();
                    if (entry == null) {
                        undocumented.put(e.getKey(), type);
                    } else {
                        seen.add(entry);
                        if (!table.get(entry).type().equals(type)) {
                            problems.add(method + ": '" + e.getKey() + "' is " + type + ", documented as " + table.get(entry).type());
                        }
                    }
                }
            }
            undocumented.forEach((k, t) -> problems.add(method + ": undocumented | `" + k + "` | " + t + " |"));
            table.forEach((k, d) -> {
                if (d.always() && !seen.contains(k)) {
                    problems.add(method + ": documented '" + k + "' was never emitted (mark it \"Only when …\" if it is conditional)");
                }
            });
        }
        assertThat(problems).as("explanations vs %s", DOC).isEmpty();
    }

    /** Every method, in the configurations that decide which keys it writes. */
    static Map<String, List<Step>> runs() {
        Map<String, List<Step>> out = new LinkedHashMap<>();
        SplittableRandom r = new SplittableRandom(15);
        add(out, SkitMethod.factory(Map.of("x", 1, "y", 1), 0.05, Map.of("features", 4, "burn-in", 10)), shifted(r, 300, 2, 150));
        add(out, SkitMethod.factory(Map.of("x", 1, "y", 1), 0.05, Map.of("witness", "exact", "max-history", 40,
                "bettor", "agrapa", "burn-in", 10)), shifted(r, 200, 2, 100));
        add(out, new MmdBettingMethod().configure(Map.of("x", 2), 0.05, Map.of("reference-size", 30, "features", 4)),
                shifted(r, 300, 2, 120));
        add(out, ForecastMethod.with(Map.of()), shifted(r, 400, 1, 300));
        Map<String, Object> ksd = Map.of("reference-size", 40, "window", 20, "bootstrap-draws", 50);
        add(out, new KsdMethod().configure(Map.of("x", 2), 0.05, ksd), shifted(r, 120, 2, 80));
        add(out, new KsdMethod().configure(Map.of("x", 2), 0.05, Map.of("reference-size", 40, "window", 20,
                "model", "mixture", "bootstrap-draws", 50, "statistic", "u", "null-draws", 50)), shifted(r, 120, 2, 80));
        add(out, new PksdMethod().configure(Map.of("x", 2), 0.05, Map.of("model", "mixture", "means", "0,0;4,0",
                "window", 20, "bootstrap-draws", 50, "jump-scales", 3, "mode-starts", 8)), shifted(r, 60, 2, 30));
        add(out, new PksdMethod().configure(Map.of("x", 2), 0.05, Map.of("model", "mixture", "means", "0,0;4,0",
                "window", 20, "bootstrap-draws", 50, "jump-scales", 3, "mode-starts", 8, "test", "ospksd")), shifted(r, 60, 2, 30));
        add(out, NplmMethod.with(2, 0.05, Map.of("window", 50, "reference-size", 200, "null-toys", 20)), shifted(r, 400, 2, 300));
        add(out, new NoopMethod().configure(Map.of("x", 1), 0.05, Map.of()), shifted(r, 5, 1, 5));
        sessions(out, r);
        hawkes(out, r);
        return out;
    }

    private static void add(Map<String, List<Step>> out, MonitorFactory f, double[][] values) {
        Model m = f.create();
        List<Step> steps = out.computeIfAbsent(f.method(), k -> new ArrayList<>());
        for (int i = 0; i < values.length; i++) {
            Step s = m.update(1_000L * (i + 1), values[i]);
            if (s != null) {
                steps.add(s);
            }
        }
    }

    /** Standard normal rows of dimension d; from row {@code at} on, the last coordinate follows the first, shifted. */
    private static double[][] shifted(SplittableRandom r, int n, int d, int at) {
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                x[i][k] = r.nextGaussian();
            }
            if (i >= at) {
                x[i][d - 1] = 3 + (d > 1 ? 2 * x[i][0] : 0);
            }
        }
        return x;
    }

    private static void sessions(Map<String, List<Step>> out, SplittableRandom r) {
        MonitorFactory f = new SequenceKsdMethod().configure(Map.of(), 0.05, Map.of("alphabet", "login,view,buy,logout",
                "end-type", "logout", "reference-sessions", 12, "window", 6, "bootstrap-draws", 50));
        Model m = f.create();
        List<Step> steps = out.computeIfAbsent(f.method(), k -> new ArrayList<>());
        String[] types = {"login", "view", "buy", "refund"};
        long t = 0;
        for (int i = 0; i < 400; i++) {
            String type = i % 5 == 4 ? "logout" : types[r.nextInt(types.length)];
            Step s = m.update(t += 5_000, type, new double[0]);
            if (s != null) {
                steps.add(s);
            }
        }
    }

    /** Two Poisson types for two hours, api triggering db after the first hour, and one late event. */
    private static void hawkes(Map<String, List<Step>> out, SplittableRandom r) {
        MonitorFactory f = new HawkesMethod().configure(Map.of(), 0.05, Map.of("bin", "1s", "support", "10s",
                "max-types", 2, "refit-interval", "1m", "half-life", "10m", "warmup-refits", 3, "gof-window", 40));
        Model m = f.create();
        List<Step> steps = out.computeIfAbsent(f.method(), k -> new ArrayList<>());
        long t = 0;
        long pending = -1;
        while (t < 7_200_000L) {
            t += (long) (-Math.log(1 - r.nextDouble()) * 2_500);
            if (pending >= 0 && pending <= t) {
                keep(steps, m.update(pending, "db", new double[0]));
                pending = -1;
            }
            String type = r.nextInt(3) == 0 ? "db" : "api";
            keep(steps, m.update(t, type, new double[0]));
            if (t > 3_600_000L && type.equals("api") && pending < 0 && r.nextDouble() < 0.7) {
                pending = t + 2_000 + r.nextInt(2_000);
            }
            if (t > 5_000_000L && t < 5_003_000L) {
                keep(steps, m.update(t - 600_000L, "api", new double[0]));   // far behind: dropped late
            }
        }
    }

    private static void keep(List<Step> steps, Step s) {
        if (s != null) {
            steps.add(s);
        }
    }
}
