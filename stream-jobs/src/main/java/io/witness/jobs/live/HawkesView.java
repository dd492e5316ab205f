package io.witness.jobs.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.witness.schemas.Evidence;

import java.io.IOException;
import java.util.Map;

/**
 * The excitation graph of a {@code hawkes} monitor's newest evidence, for the live page. The explanation
 * is typed (schemas/README.md); evidence written before typed explanations carried the same values as
 * JSON text, which is still read:
 * <ul>
 *   <li>{@code types} (what the {@code hawkes} monitor writes) or {@code nodes}: the p node (event type)
 *       names, e.g. {@code ["db","api","web"]}; indices when neither is there;</li>
 *   <li>{@code alpha}: a p×p matrix of non-negative numbers; {@code alpha[i][j]} is the excitation of
 *       node i by events of node j (online-methods.md §A: {@code λ_i = μ_i + Σ_j α_ij φ_ij ∗ N_j}), drawn
 *       as an edge j → i;</li>
 *   <li>{@code mu} (optional): the p baselines;</li>
 *   <li>{@code branching_ratio} (optional): the spectral radius of α, a number.</li>
 * </ul>
 * An explanation that does not parse becomes an entry with an {@code error} text (shown on the page),
 * never an exception.
 */
final class HawkesView {
    static final String METHOD = "hawkes";
    static final int MAX_NODES = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    private HawkesView() {
    }

    static ObjectNode of(Evidence e) {
        ObjectNode out = JSON.createObjectNode();
        out.put("monitor", e.getMonitor());
        out.put("key", e.getKey());
        out.put("time", e.getTime());
        out.put("alarm", e.getAlarm());
        try {
            fill(out, e.getExplanation());
        } catch (IOException | IllegalArgumentException ex) {
            out.retain("monitor", "key", "time", "alarm");
            out.put("error", ex.getMessage());
        }
        return out;
    }

    private static void fill(ObjectNode out, Map<String, Object> ex) throws IOException {
        JsonNode alpha = parse(ex, "alpha");
        if (!alpha.isArray() || alpha.isEmpty() || alpha.size() > MAX_NODES) {
            throw new IllegalArgumentException("explanation 'alpha' must be a non-empty p×p JSON array (p ≤ " + MAX_NODES + ")");
        }
        int p = alpha.size();
        ArrayNode a = out.putArray("alpha");
        for (JsonNode row : alpha) {
            if (!row.isArray() || row.size() != p) {
                throw new IllegalArgumentException("explanation 'alpha' is not square (" + p + " rows)");
            }
            ArrayNode r = a.addArray();
            for (JsonNode v : row) {
                r.add(nonNegative(v, "alpha"));
            }
        }
        ArrayNode nodes = out.putArray("nodes");
        String namesKey = ex.containsKey("types") ? "types" : "nodes";
        if (ex.containsKey(namesKey)) {
            JsonNode names = parse(ex, namesKey);
            if (!names.isArray() || names.size() != p) {
                throw new IllegalArgumentException("explanation '" + namesKey + "' must be a JSON array of " + p + " names");
            }
            names.forEach(n -> nodes.add(n.asText()));
        } else {
            for (int i = 0; i < p; i++) {
                nodes.add(String.valueOf(i));
            }
        }
        if (ex.containsKey("mu")) {
            JsonNode mu = parse(ex, "mu");
            if (!mu.isArray() || mu.size() != p) {
                throw new IllegalArgumentException("explanation 'mu' must be a JSON array of " + p + " numbers");
            }
            ArrayNode m = out.putArray("mu");
            mu.forEach(v -> m.add(nonNegative(v, "mu")));
        } else {
            out.putNull("mu");
        }
        if (ex.containsKey("branching_ratio")) {
            out.put("branching_ratio", nonNegative(parse(ex, "branching_ratio"), "branching_ratio"));
        } else {
            out.putNull("branching_ratio");
        }
    }

    /** The entry as JSON: a typed value as it is on the wire, an old text entry parsed as JSON text. */
    private static JsonNode parse(Map<String, Object> ex, String field) throws IOException {
        Object v = ex.get(field);
        if (v == null) {
            throw new IllegalArgumentException("explanation has no '" + field + "'");
        }
        if (v instanceof CharSequence text) {
            return JSON.readTree(text.toString());
        }
        return JSON.valueToTree(v);
    }

    private static double nonNegative(JsonNode v, String field) {
        if (!v.isNumber() || !(v.asDouble() >= 0) || Double.isInfinite(v.asDouble())) {
            throw new IllegalArgumentException("explanation '" + field + "' has a value that is not a finite number ≥ 0: " + v);
        }
        return v.asDouble();
    }
}
