package io.witness.operators.seqksd;

import java.util.HashMap;
import java.util.Map;

/**
 * The contiguous-subsequence (n-gram spectrum) kernel of spec §B.7.4: φ(x) = counts of the contiguous
 * substrings of x of lengths {@code 1..maxGram}, scaled to unit norm; {@code k(x,y) = ⟨φ(x), φ(y)⟩}.
 * Unlike the length-restricted kernels it compares sequences of different lengths, which matters for
 * sessions: in a window of a few dozen sessions of varied length, few pairs share a length. Being an
 * explicit feature map, the Stein kernel is a dot product of embedded measures,
 * {@code h(x,x′) = ⟨Σ_a μ_x(a)φ(a), Σ_b μ_x′(b)φ(b)⟩} — linear in the number of atoms.
 *
 * @param maxGram the longest substring counted (the reference code uses Markov order + 1)
 */
public record SpectrumKernel(int maxGram) implements BaseKernel {

    public SpectrumKernel {
        if (maxGram < 1) {
            throw new IllegalArgumentException("maxGram must be ≥ 1");
        }
    }

    /** Unit-norm n-gram count vector of x. */
    public Map<String, Double> features(CharSequence x) {
        Map<String, Double> f = new HashMap<>();
        String s = x.toString();
        for (int m = 1; m <= maxGram; m++) {
            for (int i = 0; i + m <= s.length(); i++) {
                f.merge(s.substring(i, i + m), 1.0, Double::sum);
            }
        }
        double norm = 0;
        for (double v : f.values()) {
            norm += v * v;
        }
        double inv = 1.0 / Math.sqrt(norm);
        f.replaceAll((k, v) -> v * inv);
        return f;
    }

    @Override
    public double value(CharSequence x, CharSequence y) {
        return dot(features(x), features(y));
    }

    static double dot(Map<String, Double> a, Map<String, Double> b) {
        if (a.size() > b.size()) {
            Map<String, Double> t = a;
            a = b;
            b = t;
        }
        double s = 0;
        for (Map.Entry<String, Double> e : a.entrySet()) {
            Double v = b.get(e.getKey());
            if (v != null) {
                s += e.getValue() * v;
            }
        }
        return s;
    }
}
