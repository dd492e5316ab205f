package io.witness.operators.kernel.features;

import io.witness.operators.kernel.FeatureMap.Form;
import io.witness.operators.kernel.GaussianSampler;

import java.util.List;

/**
 * The check values of spec online-methods.md §E.1 and the simulation that reproduces them: positive
 * random features for {@code k(x,y) = exp(−‖x−y‖²/2)}, one block (m = d), fixed x, y with
 * {@code ‖x‖ = ‖y‖ = ρ}. The kernel-estimator MSE of every coupling depends on x, y only through ρ and
 * the angle between them (the law of each coupled block is rotation invariant), so x, y are placed in
 * the plane of the first two axes at the angle that gives the table's k(x, y):
 * {@code xᵀy = ρ² + ln k}.
 */
final class SimplexMseTable {

    /** One row of the spec table (spec draws: 20 000). */
    record Row(int d, double rho, double k, double iid, double orf, double simrf) {
    }

    static final int SPEC_DRAWS = 20_000;

    static final List<Row> ROWS = List.of(
            new Row(6, 0.5, 0.7609, 5.59e-2, 4.99e-2, 1.31e-2),
            new Row(6, 1.0, 0.2617, 3.16e-2, 2.69e-2, 1.56e-2),
            new Row(16, 0.5, 0.8131, 3.30e-2, 2.73e-2, 5.24e-3),
            new Row(16, 1.0, 0.4347, 1.10e-1, 8.18e-2, 5.83e-2));

    /** Mean squared error of the estimator and the standard error of that mean. */
    record Mse(double mean, double se) {
        /** |this − spec value| in units of the combined SE (the spec's SE taken as ours scaled to its draws). */
        double zAgainst(double spec, int draws) {
            double specSe = se * Math.sqrt((double) draws / SPEC_DRAWS);
            return (mean - spec) / Math.hypot(se, specSe);
        }
    }

    private SimplexMseTable() {
    }

    static double[][] points(Row row) {
        double cos = (row.rho() * row.rho() + Math.log(row.k())) / (row.rho() * row.rho());
        double[] x = new double[row.d()];
        double[] y = new double[row.d()];
        x[0] = row.rho();
        y[0] = row.rho() * cos;
        y[1] = row.rho() * Math.sqrt(1 - cos * cos);
        return new double[][] {x, y};
    }

    static double exactKernel(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (x[i] - y[i]) * (x[i] - y[i]);
        }
        return Math.exp(-s / 2);
    }

    /** The IID MSE in closed form: {@code (exp(2‖x+y‖² − 2‖x‖² − 2‖y‖²) − k²)/m}. */
    static double iidClosedForm(double[] x, double[] y, int m) {
        double sum2 = 0;
        double x2 = 0;
        double y2 = 0;
        for (int i = 0; i < x.length; i++) {
            sum2 += (x[i] + y[i]) * (x[i] + y[i]);
            x2 += x[i] * x[i];
            y2 += y[i] * y[i];
        }
        double k = exactKernel(x, y);
        return (Math.exp(2 * sum2 - 2 * x2 - 2 * y2) - k * k) / m;
    }

    /**
     * The squared errors of {@code draws} independent one-block estimates. ORTHOGONAL, SIMPLEX and
     * SIMPLEX_PLUS consume the sampler identically (norms, then rotation), so with the same seed their
     * draws are paired — same norms, same rotation — which {@link #pairedDifference} exploits.
     */
    static double[] squaredErrors(Row row, FeatureCoupling coupling, int draws, long seed) {
        double[][] p = points(row);
        double k = exactKernel(p[0], p[1]);
        GaussianSampler g = new GaussianSampler(seed);
        double[] out = new double[draws];
        for (int t = 0; t < draws; t++) {
            double e = RandomFeatures.draw(coupling, Form.POSITIVE, row.d(), row.d(), g).estimate(p[0], p[1], 1.0) - k;
            out[t] = e * e;
        }
        return out;
    }

    static Mse mse(double[] squaredErrors) {
        return meanAndSe(squaredErrors);
    }

    /** Mean and SE of {@code a_t − b_t}: the MSE difference of two paired couplings. */
    static Mse pairedDifference(double[] a, double[] b) {
        double[] diff = new double[a.length];
        for (int t = 0; t < a.length; t++) {
            diff[t] = a[t] - b[t];
        }
        return meanAndSe(diff);
    }

    private static Mse meanAndSe(double[] v) {
        int n = v.length;
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        double mean = sum / n;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new Mse(mean, Math.sqrt(ss / (n - 1) / n));
    }
}
