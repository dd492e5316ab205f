package io.witness.operators.skit.sim;

import io.witness.operators.kernel.GaussianSampler;

/** The simulated streams used by the SKIT tests: 1-D x and 1-D y unless a dimension is given. */
public final class PairedStreams {

    private PairedStreams() {
    }

    /**
     * Spec §A.5.2: X ~ N(0,1), Y = βX + ε, ε ~ N(0,1), all i.i.d. β = 0 is the null (independence).
     */
    public static PairedStream.Source gaussianLinear(double beta) {
        return seed -> {
            GaussianSampler g = PairedStream.normals(seed);
            return (index, out) -> {
                double x = g.next();
                out[0] = x;
                out[1] = beta * x + g.next();
            };
        };
    }

    /**
     * §A.5.2 per coordinate, for fields of dimension d per side: X ~ N(0, I_d), Y = βX + ε, ε ~ N(0, I_d)
     * (coordinate k of y depends on coordinate k of x only). d = 1 is {@link #gaussianLinear}'s law.
     */
    public static PairedStream.Source gaussianLinear(int d, double beta) {
        return seed -> {
            GaussianSampler g = PairedStream.normals(seed);
            return (index, out) -> {
                for (int k = 0; k < d; k++) {
                    out[k] = g.next();
                }
                for (int k = 0; k < d; k++) {
                    out[d + k] = beta * out[k] + g.next();
                }
            };
        };
    }

    /**
     * Independent, heavy-tailed, non-Gaussian marginals: x is Student-t with 2 degrees of freedom
     * (infinite variance), y is log-normal (skewed, scale 1) — a null stream on which the median
     * heuristic and the RFF witness meet outliers (§A.1 point 1 must still hold).
     */
    public static PairedStream.Source heavyTailedIndependent() {
        return seed -> {
            GaussianSampler g = PairedStream.normals(seed);
            return (index, out) -> {
                double z = g.next();
                double chi2 = square(g.next()) + square(g.next());
                out[0] = z / Math.sqrt(chi2 / 2.0);
                out[1] = Math.exp(g.next());
            };
        };
    }

    /**
     * Independent streams whose marginals drift (§A.1 point 3): over 2 000 observations x's mean moves
     * from 0 to 6 (six times the burn-in spread) and y's scale grows from 1 to 5. The law is constant
     * within each pair (observations 2k, 2k+1) and changes between pairs — the exchangeability
     * condition of §A.3 holds exactly, so Ville's bound still applies although nothing is stationary.
     */
    public static PairedStream.Source driftingIndependent() {
        return seed -> {
            GaussianSampler g = PairedStream.normals(seed);
            return (index, out) -> {
                double s = Math.min(1.0, (index / 2) / 1000.0); // progress, by pair
                out[0] = 6.0 * s + g.next();
                out[1] = (1.0 + 4.0 * s) * g.next();
            };
        };
    }

    private static double square(double v) {
        return v * v;
    }
}
