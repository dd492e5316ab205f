package io.witness.operators.nplm;

import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Synthetic streams and a driver for the monitor tests. */
final class NplmStreams {

    private NplmStreams() {
    }

    /** n events of N(shift·e_k, I_d) (k = shiftedField), one per second from t0. */
    static List<double[]> gaussian(int n, int d, double shift, int shiftedField, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<double[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] v = new double[d];
            for (int k = 0; k < d; k++) {
                v[k] = gauss(r) + (k == shiftedField ? shift : 0.0);
            }
            out.add(v);
        }
        return out;
    }

    static double gauss(SplittableRandom r) {
        // Box–Muller, one of the pair; deterministic across JDKs
        double u = 1.0 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Feeds the events, time = t0 + i·1000; returns the steps. */
    static List<Step> feed(Model m, List<double[]> events, long t0) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Step s = m.update(t0 + 1000L * i, events.get(i));
            if (s != null) {
                steps.add(s);
            }
        }
        return steps;
    }

    static List<double[]> concat(List<double[]> a, List<double[]> b) {
        List<double[]> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
