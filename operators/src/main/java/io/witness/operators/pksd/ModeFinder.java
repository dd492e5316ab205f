package io.witness.operators.pksd;

import io.witness.operators.ksd.ScoreModel;
import io.witness.operators.ksd.SymmetricMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mode finding for pKSD (spec §B.5.2 step 1): BFGS on {@code −log p} from start points uniform in
 * {@code [−R, R]^d} (plus optional given points), at most {@code maxIterations} iterations each; then a
 * greedy merge: an end point e joins the closest existing mode m when
 * {@code (m−e)ᵀ ½(Σ_m+Σ_e)(m−e) < 1} (weighted by the covariances, as the reference code does),
 * replacing it when {@code log p(e)} is higher; otherwise it becomes a new mode if
 * {@code log p(e) > log 1e−8}.
 *
 * <p>Σ at an end point is the inverse of the Hessian of {@code −log p} there, by central differences
 * of the score — the exact local covariance rather than BFGS's running estimate of it (for a
 * well-separated Gaussian mixture it is the component covariance); identity when it is not positive
 * definite, as in the reference code.
 */
public final class ModeFinder {

    public static final double RANGE = 10.0;
    public static final int MAX_ITERATIONS = 50;
    static final double MERGE_THRESHOLD = 1.0;
    static final double MIN_LOG_DENSITY = Math.log(1e-8);
    private static final double GRADIENT_TOLERANCE = 1e-6;
    private static final double HESSIAN_STEP = 1e-4;

    private ModeFinder() {
    }

    /** Modes from {@code starts} random start points in {@code [−R, R]^d} and the given extra points. */
    public static List<Mode> find(ScoreModel p, int starts, double[] extra, int extraCount, SplittableRandom rng) {
        int d = p.dimension();
        List<Mode> modes = new ArrayList<>();
        double[] x0 = new double[d];
        for (int s = 0; s < starts + extraCount; s++) {
            if (s < starts) {
                for (int a = 0; a < d; a++) {
                    x0[a] = (2 * rng.nextDouble() - 1) * RANGE;
                }
            } else {
                System.arraycopy(extra, (s - starts) * d, x0, 0, d);
            }
            double[] end = bfgs(p, x0, MAX_ITERATIONS);
            merge(modes, new Mode(end, localCovariance(p, end), p.logDensity(end, 0)));
        }
        return modes;
    }

    static void merge(List<Mode> modes, Mode e) {
        int d = e.location().length;
        int closest = -1;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < modes.size(); i++) {
            Mode m = modes.get(i);
            double q = 0;
            for (int a = 0; a < d; a++) {
                double za = m.location()[a] - e.location()[a];
                for (int b = 0; b < d; b++) {
                    double w = 0.5 * (m.covariance()[a * d + b] + e.covariance()[a * d + b]);
                    q += za * w * (m.location()[b] - e.location()[b]);
                }
            }
            if (q < best) {
                best = q;
                closest = i;
            }
        }
        if (closest >= 0 && best < MERGE_THRESHOLD) {
            if (e.logDensity() > modes.get(closest).logDensity()) {
                modes.set(closest, e);
            }
        } else if (e.logDensity() > MIN_LOG_DENSITY) {
            modes.add(e);
        }
    }

    /** BFGS minimisation of {@code −log p} with a backtracking (Armijo) line search. */
    static double[] bfgs(ScoreModel p, double[] start, int maxIterations) {
        int d = p.dimension();
        double[] x = start.clone();
        double[] g = gradient(p, x);
        double f = -p.logDensity(x, 0);
        double[] h = identity(d);
        double[] dir = new double[d];
        double[] xn = new double[d];
        for (int it = 0; it < maxIterations && norm(g) > GRADIENT_TOLERANCE; it++) {
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int b = 0; b < d; b++) {
                    s -= h[a * d + b] * g[b];
                }
                dir[a] = s;
            }
            double slope = dot(g, dir);
            if (slope >= 0) {           // not a descent direction: restart from steepest descent
                h = identity(d);
                for (int a = 0; a < d; a++) {
                    dir[a] = -g[a];
                }
                slope = dot(g, dir);
            }
            double step = 1.0;
            double fn = Double.NaN;
            for (int ls = 0; ls < 40; ls++) {
                for (int a = 0; a < d; a++) {
                    xn[a] = x[a] + step * dir[a];
                }
                fn = -p.logDensity(xn, 0);
                if (fn <= f + 1e-4 * step * slope) {
                    break;
                }
                step *= 0.5;
            }
            if (!(fn <= f)) {
                break;
            }
            double[] gn = gradient(p, xn);
            double[] s = new double[d];
            double[] y = new double[d];
            for (int a = 0; a < d; a++) {
                s[a] = xn[a] - x[a];
                y[a] = gn[a] - g[a];
            }
            double sy = dot(s, y);
            if (sy > 1e-12) {
                h = bfgsUpdate(h, s, y, sy, d);
            }
            System.arraycopy(xn, 0, x, 0, d);
            g = gn;
            f = fn;
        }
        return x;
    }

    private static double[] bfgsUpdate(double[] h, double[] s, double[] y, double sy, int d) {
        double rho = 1.0 / sy;
        double[] hy = new double[d];
        for (int a = 0; a < d; a++) {
            double v = 0;
            for (int b = 0; b < d; b++) {
                v += h[a * d + b] * y[b];
            }
            hy[a] = v;
        }
        double yhy = dot(y, hy);
        double[] out = new double[d * d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                out[a * d + b] = h[a * d + b] - rho * (hy[a] * s[b] + s[a] * hy[b])
                        + (rho * rho * yhy + rho) * s[a] * s[b];
            }
        }
        return out;
    }

    /** Inverse Hessian of {@code −log p} at x by central differences of the score; identity if not PD. */
    static double[] localCovariance(ScoreModel p, double[] x) {
        int d = p.dimension();
        double[] hess = new double[d * d];
        double[] up = new double[d];
        double[] dn = new double[d];
        for (int b = 0; b < d; b++) {
            double[] xu = x.clone();
            double[] xd = x.clone();
            xu[b] += HESSIAN_STEP;
            xd[b] -= HESSIAN_STEP;
            p.score(xu, 0, up, 0);
            p.score(xd, 0, dn, 0);
            for (int a = 0; a < d; a++) {
                hess[a * d + b] = -(up[a] - dn[a]) / (2 * HESSIAN_STEP);
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                double m = 0.5 * (hess[a * d + b] + hess[b * d + a]);
                hess[a * d + b] = m;
                hess[b * d + a] = m;
            }
        }
        if (!SymmetricMatrix.isPositiveDefinite(hess, d)) {
            return identity(d);
        }
        try {
            return SymmetricMatrix.inverse(hess, d).inverse();
        } catch (IllegalArgumentException e) {
            return identity(d);
        }
    }

    private static double[] gradient(ScoreModel p, double[] x) {
        double[] s = new double[p.dimension()];
        p.score(x, 0, s, 0);
        for (int a = 0; a < s.length; a++) {
            s[a] = -s[a];
        }
        return s;
    }

    static double[] identity(int d) {
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            a[i * d + i] = 1;
        }
        return a;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
