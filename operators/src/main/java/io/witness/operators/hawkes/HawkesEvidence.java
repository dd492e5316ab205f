package io.witness.operators.hawkes;

import io.witness.operators.monitor.AlarmKind;
import io.witness.operators.monitor.ExplanationValue;
import io.witness.operators.monitor.Step;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.witness.operators.monitor.ExplanationValue.flag;
import static io.witness.operators.monitor.ExplanationValue.integer;
import static io.witness.operators.monitor.ExplanationValue.matrix;
import static io.witness.operators.monitor.ExplanationValue.names;
import static io.witness.operators.monitor.ExplanationValue.number;
import static io.witness.operators.monitor.ExplanationValue.text;
import static io.witness.operators.monitor.ExplanationValue.vector;

/**
 * The explanation of a Hawkes refit: every fitted number, typed (vectors and matrices as such), in a
 * fixed order. Rates are per second, kernel parameters in seconds (or per second for γ; Kumaraswamy's a, b
 * are pure numbers). Matrices are row-major with row i = the excited type and column j = the exciting
 * type ({@code alpha[i][j]}: expected type-i events triggered directly by one type-j event); edges are
 * written {@code "source->target"}.
 */
final class HawkesEvidence {
    /** Which alarm conditions a refit met. */
    record Alarms(List<Integer> surges, boolean branching, List<int[]> newEdges, List<int[]> vanishedEdges,
                  boolean poorFit) {
        boolean any() {
            return !surges.isEmpty() || branching || !newEdges.isEmpty() || !vanishedEdges.isEmpty() || poorFit;
        }

        /** The conditions met, in a fixed order (the step's typed alarm kinds). */
        Set<AlarmKind> kinds() {
            Set<AlarmKind> k = EnumSet.noneOf(AlarmKind.class);
            if (!surges.isEmpty()) {
                k.add(AlarmKind.SURGE);
            }
            if (branching) {
                k.add(AlarmKind.BRANCHING);
            }
            if (!newEdges.isEmpty()) {
                k.add(AlarmKind.NEW_EDGE);
            }
            if (!vanishedEdges.isEmpty()) {
                k.add(AlarmKind.VANISHED_EDGE);
            }
            if (poorFit) {
                k.add(AlarmKind.POOR_FIT);
            }
            return k;
        }

        /** The kinds' labels, for the explanation (readers use {@link Step#alarmKinds()}). */
        List<String> labels() {
            return kinds().stream().map(AlarmKind::label).toList();
        }
    }

    private final TypeRegistry types;
    private final HawkesParameters theta;
    private final HawkesSettings s;
    private final FadinStatistics st;

    HawkesEvidence(TypeRegistry types, HawkesParameters theta, HawkesSettings s, FadinStatistics st) {
        this.types = types;
        this.theta = theta;
        this.s = s;
        this.st = st;
    }

    Map<String, ExplanationValue> explain(long refit, boolean warm, double rho, double loss, int iterations,
                                          ChangeTracker changes, EdgeChangeTest edgeTests, Alarms alarms, double[] edgeZ,
                                          long[] observed, double[] expected, Double gofP, int gofGaps, long dropped) {
        int p = theta.dimension();
        Map<String, ExplanationValue> e = new LinkedHashMap<>();
        e.put("alarms", names(alarms.labels()));
        e.put("refit", integer(refit));
        e.put("warm", flag(warm));
        e.put("types", names(types.names()));
        e.put("mu", vector(theta.mu()));
        e.put("alpha", matrix(theta.alpha(), p));
        e.put("kernel", text(s.kernel().configName()));
        KernelShape shape = s.kernel().shape();
        int k = shape.parameterCount();
        // one p×p matrix per kernel parameter, named kernel_<parameter> (e.g. kernel_m, kernel_sigma)
        for (int c = 0; c < k; c++) {
            double[] m = new double[p * p];
            for (int ij = 0; ij < p * p; ij++) {
                m[ij] = theta.eta()[ij * k + c];
            }
            e.put("kernel_" + shape.parameterName(c), matrix(m, p));
        }
        e.put("branching_ratio", number(rho));
        e.put("stationary", flag(rho < 1));
        List<String> edges = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                if (changes.edge(i, j)) {
                    edges.add(edge(i, j));
                }
            }
        }
        e.put("edges", names(edges));
        e.put("edge_z", matrix(edgeZ, p));
        double[] reference = new double[p * p];
        double[] wealth = new double[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                reference[i * p + j] = edgeTests.reference(i, j);
                wealth[i * p + j] = edgeTests.logWealth(i, j);
            }
        }
        // the edge-change tests: α_ij's reference fit (NaN before it froze) and the larger log-wealth
        e.put("edge_reference", matrix(reference, p));
        e.put("edge_log_wealth", matrix(wealth, p));
        e.put("new_edges", names(alarms.newEdges().stream().map(x -> edge(x[0], x[1])).toList()));
        e.put("vanished_edges", names(alarms.vanishedEdges().stream().map(x -> edge(x[0], x[1])).toList()));
        e.put("surges", names(alarms.surges().stream().map(types::name).toList()));
        // since the previous refit, per type fitted then: events seen and expected by that fit
        double[] obs = new double[observed.length];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = observed[i];
        }
        e.put("interval_events", vector(obs));
        e.put("interval_expected", vector(expected));
        if (gofP != null) {
            e.put("gof_p_value", number(gofP));
            e.put("gof_gaps", integer(gofGaps));
        }
        double[] counts = new double[p];
        for (int i = 0; i < p; i++) {
            counts[i] = st.count(i);
        }
        e.put("weighted_events", vector(counts));
        e.put("record_seconds", number(st.tPrime()));
        e.put("loss", number(loss));
        e.put("iterations", integer(iterations));
        if (dropped > 0) {
            e.put("dropped_late", integer(dropped));
        }
        return e;
    }

    private String edge(int i, int j) {
        return types.name(j) + "->" + types.name(i);
    }
}
