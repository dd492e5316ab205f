package io.witness.operators.ksd;

import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.MonitorMethod;
import io.witness.operators.monitor.Step;
import io.witness.operators.pksd.PksdMethod;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Monte Carlo of windowed KSD / pKSD monitors whose model is fitted per key on its first m events
 * (issue 14 part 4): keys of m reference events from the null law, then windows from the null law
 * (level) or an alternative (power), through the real monitor ({@code ksd} / {@code pksd} method).
 */
final class FittedModelSimulation {

    /** What the windows after the reference are drawn from. */
    enum Law {
        NULL,
        /** §B.4.2 Gaussian variance difference: the first coordinate's spread × √2 */
        GVD,
        /** §B.4.2 Laplace: every coordinate's noise Laplace with the same variance */
        LAPLACE,
        /** the mixture's weights 0.5/0.5 become 0.2/0.8 (the pKSD alternative) */
        WEIGHTS
    }

    /** One configuration. */
    record Setup(String method, ModelSpec.Family family, int d, int window, int reference, double alpha,
                 Calibration calibration, int draws) {
        String label() {
            return method + " " + family.name().toLowerCase() + " d=" + d + " n=" + window + " m=" + reference
                    + " B=" + draws + " α=" + alpha + " " + calibration.name().toLowerCase();
        }
    }

    /** Rates over keys and windows. */
    record Rates(int keys, int windows, int windowAlarms, int keyAlarms, double secondsPerKey, int windows01, int keys01,
                 double sumSquares, double sumSquares01) {
        /**
         * 95 % interval of the window rate at α (or at 0.01) with keys as independent clusters (a key's
         * windows share its fit and null table, so a binomial interval over windows would be too narrow).
         */
        String windowInterval(boolean at01) {
            double k = keys;
            double mean = (at01 ? windows01 : windowAlarms) / k;
            double var = ((at01 ? sumSquares01 : sumSquares) / k - mean * mean) * k / Math.max(1, k - 1);
            double perKey = (double) windows / keys;
            double se = Math.sqrt(var / k) / perKey;
            double rate = mean / perKey;
            return String.format(java.util.Locale.ROOT, "[%.3f, %.3f]", Math.max(0, rate - 1.96 * se), rate + 1.96 * se);
        }

        String keyInterval(boolean at01) {
            return wilson(at01 ? keys01 : keyAlarms, keys);
        }

        double windowRate01() {
            return (double) windows01 / windows;
        }

        double keyRate01() {
            return (double) keys01 / keys;
        }

        double windowRate() {
            return (double) windowAlarms / windows;
        }

        double keyRate() {
            return (double) keyAlarms / keys;
        }
    }

    private FittedModelSimulation() {
    }

    static MonitorMethod method(String name) {
        return "pksd".equals(name) ? new PksdMethod() : new KsdMethod();
    }

    /** The per-key monitor factory of a setup (seeded per key so keys' nulls are independent draws). */
    static io.witness.operators.monitor.MonitorFactory factory(Setup s, long seed) {
        Map<String, Object> p = new HashMap<>();
        p.put("model", s.family().name().toLowerCase());
        p.put("reference-size", s.reference());
        p.put("window", s.window());
        p.put(s.calibration() == Calibration.REFIT ? "null-draws" : "bootstrap-draws", s.draws());
        p.put("calibration", s.calibration().name().toLowerCase());
        p.put("seed", seed);
        if ("pksd".equals(s.method())) {
            p.put("jump-scales", 5);
            p.put("mode-starts", 10);
        }
        return method(s.method()).configure(Map.of("x", s.d()), s.alpha(), p);
    }

    /**
     * The null law: for the Gaussian family a correlated Gaussian, for the mixture two correlated
     * components at 0 and (3, …, 3)/√d·2 with weights 0.5/0.5.
     */
    static void draw(ModelSpec.Family family, Law law, int d, SplittableRandom r, double[] out) {
        double w = law == Law.WEIGHTS ? 0.2 : 0.5;
        boolean second = family == ModelSpec.Family.MIXTURE && r.nextDouble() >= w;
        double shared = normal(r);
        for (int a = 0; a < d; a++) {
            double e = law == Law.LAPLACE ? laplace(r) : normal(r);
            if (law == Law.GVD && a == 0) {
                e *= Math.sqrt(2);
            }
            out[a] = 0.6 * shared + 0.8 * e + (second ? 6.0 / Math.sqrt(d) : 0.0);
        }
    }

    /** The null law of {@link #draw} as a model (the mixture family's; the Gaussian's is its first component). */
    static GaussianMixtureModel nullLaw(int d) {
        double[] cov = new double[d * d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                cov[a * d + b] = 0.36 + (a == b ? 0.64 : 0.0);
            }
        }
        double[] far = new double[d];
        java.util.Arrays.fill(far, 6.0 / Math.sqrt(d));
        return new GaussianMixtureModel(new double[]{0.5, 0.5}, new double[][]{new double[d], far},
                new double[][]{cov, cov.clone()});
    }

    /** Wilson score interval (95 %) of k successes in n independent trials, as "[lo, hi]". */
    static String wilson(int k, int n) {
        double z = 1.959964;
        double p = (double) k / n;
        double c = (p + z * z / (2 * n)) / (1 + z * z / n);
        double h = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / (1 + z * z / n);
        return String.format(java.util.Locale.ROOT, "[%.3f, %.3f]", Math.max(0, c - h), Math.min(1, c + h));
    }

    static Rates run(Setup s, Law law, int keys, int windowsPerKey, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int windows = 0;
        int windowAlarms = 0;
        int keyAlarms = 0;
        int windows01 = 0;
        int keys01 = 0;
        double sumSquares = 0;
        double sumSquares01 = 0;
        long start = System.nanoTime();
        for (int key = 0; key < keys; key++) {
            Model m = factory(s, r.nextLong()).create();
            double[] x = new double[s.d()];
            for (int i = 0; i < s.reference(); i++) {
                draw(s.family(), Law.NULL, s.d(), r, x);
                m.update(i, x.clone());
            }
            boolean any = false;
            boolean any01 = false;
            int mine = 0;
            int mine01 = 0;
            for (int i = 0; i < windowsPerKey * s.window(); i++) {
                draw(s.family(), law, s.d(), r, x);
                Step step = m.update(s.reference() + i, x.clone());
                if (step != null) {
                    windows++;
                    if (step.alarm()) {
                        windowAlarms++;
                        mine++;
                        any = true;
                    }
                    if (step.pValue() <= 0.01) {
                        windows01++;
                        mine01++;
                        any01 = true;
                    }
                }
            }
            sumSquares += (double) mine * mine;
            sumSquares01 += (double) mine01 * mine01;
            if (any) {
                keyAlarms++;
            }
            if (any01) {
                keys01++;
            }
        }
        double perKey = (System.nanoTime() - start) / 1e9 / keys;
        return new Rates(keys, windows, windowAlarms, keyAlarms, perKey, windows01, keys01, sumSquares, sumSquares01);
    }

    static double normal(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log1p(-r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static double laplace(SplittableRandom r) {
        double u = r.nextDouble() - 0.5;
        return -Math.signum(u) * Math.log1p(-2 * Math.abs(u)) / Math.sqrt(2);
    }
}
