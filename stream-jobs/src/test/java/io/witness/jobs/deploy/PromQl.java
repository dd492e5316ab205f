package io.witness.jobs.deploy;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Metric names in a PromQL expression (as written in the rules and the Grafana dashboard), and metric
 * names in a Prometheus text exposition. Enough of PromQL for our own expressions: strings, label
 * matchers, ranges, grouping clauses, Grafana variables and function names are taken out; what is left
 * and looks like an identifier is a metric name.
 */
public final class PromQl {
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "inf", "nan");
    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern VARIABLES = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:])[a-zA-Z_:][a-zA-Z0-9_:]*");

    private PromQl() {
    }

    public static Set<String> metricNames(String expr) {
        String s = STRINGS.matcher(expr).replaceAll("\"\"");
        s = VARIABLES.matcher(s).replaceAll("1m");
        s = MATCHERS.matcher(s).replaceAll(" ");
        s = RANGES.matcher(s).replaceAll(" ");
        s = GROUPING.matcher(s).replaceAll(" ");
        Set<String> out = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String name = m.group();
            int next = m.end();
            while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
                next++;
            }
            boolean function = next < s.length() && s.charAt(next) == '(';
            if (!function && !KEYWORDS.contains(name.toLowerCase())) {
                out.add(name);
            }
        }
        return out;
    }

    /**
     * Every series name a text exposition (format 0.0.4) offers: sample names, and the names each
     * {@code # TYPE} line implies (a histogram's _bucket/_sum/_count, a summary's _sum/_count) when the
     * family has at least one sample. A labelled family with no child yet (declared, no series) is not
     * exported: a rule or panel on it would see nothing.
     */
    public static Set<String> exposedNames(String exposition) {
        Set<String> samples = new LinkedHashSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int end = 0;
                while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                    end++;
                }
                samples.add(line.substring(0, end));
            }
        }
        Set<String> out = new LinkedHashSet<>(samples);
        for (String line : exposition.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                String name = parts[2];
                String type = parts.length > 3 ? parts[3] : "untyped";
                if (samples.stream().noneMatch(n -> n.equals(name) || n.startsWith(name + "_"))) {
                    continue;
                }
                out.add(name);
                switch (type) {
                    case "histogram" -> out.addAll(Set.of(name + "_bucket", name + "_sum", name + "_count"));
                    case "summary" -> out.addAll(Set.of(name + "_sum", name + "_count"));
                    default -> { }
                }
            }
        }
        return out;
    }
}
