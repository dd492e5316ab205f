package io.witness.operators.seqksd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Zanella–Stein operator applied to one observation as a signed measure (spec §B.7.2):
 * {@code μ_x = Σ_{y∈𝒩(x)} w_xy (δ_y − δ_x)}, {@code w_xy = κ(p(y)/p(x))}, so that
 * {@code h_p(x, x′) = Σ_a Σ_b μ_x(a) μ_x′(b) k(a, b)} — how the reference code computes it. Atoms are
 * grouped by length because the base kernels vanish across lengths.
 */
public final class SteinMeasure {

    /** Atoms of one length with their weights. */
    record Group(List<String> atoms, double[] weights) {
    }

    private final Map<Integer, Group> byLength;
    private final int atoms;

    private SteinMeasure(Map<Integer, Group> byLength, int atoms) {
        this.byLength = byLength;
        this.atoms = atoms;
    }

    public static SteinMeasure of(String x, SequenceModel p, Neighbourhood nb, Balance kappa) {
        double logPx = p.logProbability(x);
        Set<String> ys = nb.of(x, p.symbols());
        Map<Integer, List<String>> atomLists = new LinkedHashMap<>();
        Map<Integer, List<Double>> weightLists = new LinkedHashMap<>();
        double total = 0;
        for (String y : ys) {
            double w = kappa.of(p.logProbability(y) - logPx);
            if (w == 0) {
                continue;
            }
            total += w;
            atomLists.computeIfAbsent(y.length(), l -> new ArrayList<>()).add(y);
            weightLists.computeIfAbsent(y.length(), l -> new ArrayList<>()).add(w);
        }
        atomLists.computeIfAbsent(x.length(), l -> new ArrayList<>()).add(x);
        weightLists.computeIfAbsent(x.length(), l -> new ArrayList<>()).add(-total);
        Map<Integer, Group> groups = new LinkedHashMap<>();
        int count = 0;
        for (Map.Entry<Integer, List<String>> e : atomLists.entrySet()) {
            List<Double> ws = weightLists.get(e.getKey());
            double[] w = new double[ws.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = ws.get(i);
            }
            groups.put(e.getKey(), new Group(e.getValue(), w));
            count += w.length;
        }
        return new SteinMeasure(groups, count);
    }

    /** Number of atoms (the neighbours with a non-zero weight, and x itself). */
    public int atoms() {
        return atoms;
    }

    /** {@code h_p(x, x′) = Σ_a Σ_b μ_x(a) μ_x′(b) k(a, b)}. */
    public double stein(SteinMeasure other, SequenceKernel k) {
        double h = 0;
        for (Map.Entry<Integer, Group> e : byLength.entrySet()) {
            Group b = other.byLength.get(e.getKey());
            if (b == null) {
                continue;
            }
            Group a = e.getValue();
            for (int i = 0; i < a.weights().length; i++) {
                String ai = a.atoms().get(i);
                double s = 0;
                for (int j = 0; j < b.weights().length; j++) {
                    s += b.weights()[j] * k.value(ai, b.atoms().get(j));
                }
                h += a.weights()[i] * s;
            }
        }
        return h;
    }

    /** {@code Σ_a μ_x(a) φ(a)} for the spectrum kernel's feature map φ. */
    public Map<String, Double> embed(SpectrumKernel k) {
        Map<String, Double> out = new java.util.HashMap<>();
        for (Group g : byLength.values()) {
            for (int i = 0; i < g.weights().length; i++) {
                double w = g.weights()[i];
                k.features(g.atoms().get(i)).forEach((gram, v) -> out.merge(gram, w * v, Double::sum));
            }
        }
        return out;
    }

    /** {@code (𝒜_p f)(x) = Σ_y w_xy (f(y) − f(x))} for a function f on sequences. */
    public double apply(java.util.function.ToDoubleFunction<String> f) {
        double v = 0;
        for (Group g : byLength.values()) {
            for (int i = 0; i < g.weights().length; i++) {
                v += g.weights()[i] * f.applyAsDouble(g.atoms().get(i));
            }
        }
        return v;
    }
}
