package io.witness.operators.nplm;

import io.witness.operators.monitor.ExplanationValue;
import static io.witness.operators.monitor.ExplanationValue.number;
import static io.witness.operators.monitor.ExplanationValue.integer;
import static io.witness.operators.monitor.ExplanationValue.text;

import io.witness.operators.kernel.GaussianKernel;
import io.witness.operators.monitor.Step;
import org.apache.commons.statistics.distribution.NormalDistribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evidence of one window test: the test itself (t, p-value and how it was obtained, the null's χ²
 * dof and fit quality, the solver's figures) and <em>where</em> the window departs from the reference —
 * the learnt log density ratio f(x) on the window's most surprising events (largest f: where the window
 * has the most excess density over the reference) and the fields that dominate it, by ablation:
 * {@code Δ_j = f(x) − f(x with field j set to the reference mean)}. Δ_j is large when moving field j
 * back to its usual value removes the surprise.
 */
final class NplmExplanation {

    /** Fields listed per event and in {@code field_effects}. */
    static final int MAX_FIELDS_LISTED = 8;

    private final Map<String, ExplanationValue> map = new LinkedHashMap<>();

    NplmExplanation(NplmParameters p, ReferenceModel ref, GaussianKernel kernel, NplmFitter.WindowTest test,
                    NplmNullCalibration cal, double pValue, long testNumber, double[] rows, long[] times) {
        int d = p.dimension();
        int n = test.nData();
        FalkonFit fit = test.fit();
        map.put("t", number(test.t()));
        map.put("p_value", number(pValue));
        map.put("p_method", text(cal.method()));
        map.put("z", number(NormalDistribution.of(0, 1).inverseSurvivalProbability(pValue)));
        map.put("p_chi2", number(cal.chiSquaredPValue(test.t())));
        map.put("p_empirical", number(cal.empiricalPValue(test.t())));
        map.put("dof", number(cal.dof()));
        map.put("ks_distance", number(cal.ksDistance()));
        map.put("ks_p_value", number(cal.ksPValue()));
        map.put("toys", integer(cal.toyCount()));
        map.put("toy_median", number(cal.median()));
        map.put("test", integer(testNumber));
        map.put("window_events", integer(n));
        map.put("reference_events", integer(test.nRef()));
        map.put("weight", number(test.weight()));
        map.put("centres", integer(fit.centreCount()));
        map.put("sigma", number(ref.sigma()));
        map.put("lambda", number(p.solver().lambda()));
        map.put("cg_iterations", integer(fit.cgIterations()));
        map.put("cg_residual", number(fit.cgResidual()));
        map.put("knm", text(fit.mode().configName()));
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -test.fOnWindow(i)).thenComparingInt(i -> i));
        map.put("max_log_ratio", number(test.fOnWindow(order[0])));
        List<String> names = p.fieldNames();
        double[] total = new double[d];
        double[] x = new double[d];
        int top = Math.min(p.topEvents(), n);
        for (int r = 0; r < top; r++) {
            int i = order[r];
            double f = test.fOnWindow(i);
            double[] delta = new double[d];
            for (int k = 0; k < d; k++) {
                System.arraycopy(rows, i * d, x, 0, d);
                x[k] = 0.0; // the reference mean, in standardised units
                delta[k] = f - evaluate(kernel, fit, x, d);
                total[k] += Math.max(0.0, delta[k]);
            }
            StringBuilder sb = new StringBuilder();
            sb.append("f=").append(fmt(f)).append(" time=").append(times[i]).append(" values={");
            for (int k = 0; k < Math.min(d, MAX_FIELDS_LISTED); k++) {
                sb.append(k == 0 ? "" : ", ").append(names.get(k)).append('=').append(fmt(ref.original(rows[i * d + k], k)));
            }
            if (d > MAX_FIELDS_LISTED) {
                sb.append(", …");
            }
            sb.append("} dominant=").append(names.get(argmax(delta))).append(" effects={").append(effects(names, delta)).append('}');
            map.put("surprise_" + (r + 1), text(sb.toString()));
        }
        if (top > 0) {
            map.put("dominant_field", text(max(total) > 0 ? names.get(argmax(total)) : "none"));
            map.put("field_effects", text(effects(names, total)));
        }
        map.put("reference", text(p.learnt() ? "learnt" : "file"));
        map.put("seed", integer(p.seed()));
    }

    Map<String, ExplanationValue> map() {
        return map;
    }

    /** f at a standardised point: {@code Σ_j α_j k(x, c_j)}. */
    static double evaluate(GaussianKernel kernel, FalkonFit fit, double[] x, int d) {
        double s = 0;
        double[] c = fit.centres();
        double[] a = fit.alpha();
        for (int j = 0; j < a.length; j++) {
            s += a[j] * kernel.value(x, 0, c, j * d, d);
        }
        return s;
    }

    /** {@code name=Δ} for the largest Δ first, at most {@link #MAX_FIELDS_LISTED}, separated by ';'. */
    private static String effects(List<String> names, double[] v) {
        List<Integer> idx = new ArrayList<>();
        for (int k = 0; k < v.length; k++) {
            idx.add(k);
        }
        idx.sort(Comparator.comparingDouble((Integer k) -> -v[k]).thenComparingInt(k -> k));
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < Math.min(v.length, MAX_FIELDS_LISTED); r++) {
            int k = idx.get(r);
            sb.append(r == 0 ? "" : ";").append(names.get(k)).append('=').append(fmt(v[k]));
        }
        return sb.toString();
    }

    private static int argmax(double[] v) {
        int b = 0;
        for (int k = 1; k < v.length; k++) {
            if (v[k] > v[b]) {
                b = k;
            }
        }
        return b;
    }

    private static double max(double[] v) {
        return v[argmax(v)];
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
