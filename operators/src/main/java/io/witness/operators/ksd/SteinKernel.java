package io.witness.operators.ksd;

/**
 * The Langevin Stein kernel of spec §B.2 for a radial base kernel {@code k(x,y) = φ(r²)}, {@code r² = ‖x−y‖²}:
 * <pre>
 * h_p(x,y) = φ·s(x)ᵀs(y) − 2φ′·(s(x) − s(y))ᵀδ − 2dφ′ − 4r²φ″,   δ = x − y,  s = ∇ log p
 * </pre>
 * It is a sum over coordinates (Chwialkowski et al.'s form), coordinate a contributing
 * {@code φ s_a(x) s_a(y) − 2φ′(s_a(x) − s_a(y))δ_a − 2φ′ − 4δ_a²φ″}; the explanations use that split.
 * Base kernels: IMQ {@code φ(u) = (c² + u/ℓ²)^β} (Gorham–Mackey default c = 1, β = −½) and Gaussian
 * {@code φ(u) = exp(−u/(2σ²))}, the parameterisations of §0.1. Immutable.
 */
public final class SteinKernel {

    /** The base kernel family. */
    public enum Base {
        IMQ,
        GAUSSIAN
    }

    private final Base base;
    private final double bandwidth;
    private final double c2;
    private final double beta;
    private final double invL2;

    private SteinKernel(Base base, double bandwidth, double c, double beta) {
        if (!(bandwidth > 0) || !Double.isFinite(bandwidth)) {
            throw new IllegalArgumentException("Stein kernel bandwidth must be finite and > 0, got " + bandwidth);
        }
        this.base = base;
        this.bandwidth = bandwidth;
        this.c2 = c * c;
        this.beta = beta;
        this.invL2 = 1.0 / (bandwidth * bandwidth);
    }

    /** IMQ base {@code (c² + r²/ℓ²)^β}. */
    public static SteinKernel imq(double ell, double c, double beta) {
        if (!(c > 0) || !(beta > -1 && beta < 0)) {
            throw new IllegalArgumentException("IMQ needs c > 0 and -1 < beta < 0, got c=" + c + ", beta=" + beta);
        }
        return new SteinKernel(Base.IMQ, ell, c, beta);
    }

    /** Gaussian base {@code exp(−r²/(2σ²))}. */
    public static SteinKernel gaussian(double sigma) {
        return new SteinKernel(Base.GAUSSIAN, sigma, 0, 0);
    }

    public static SteinKernel of(Base base, double bandwidth) {
        return base == Base.IMQ ? imq(bandwidth, 1.0, -0.5) : gaussian(bandwidth);
    }

    public Base base() {
        return base;
    }

    public double bandwidth() {
        return bandwidth;
    }

    /**
     * Writes {@code φ, φ′, φ″} at {@code u = r²} into {@code out[0..3)}.
     */
    void profile(double u, double[] out) {
        if (base == Base.GAUSSIAN) {
            double g = 0.5 * invL2;
            double phi = Math.exp(-g * u);
            out[0] = phi;
            out[1] = -g * phi;
            out[2] = g * g * phi;
        } else {
            double q = c2 + u * invL2;
            double qb = beta == -0.5 ? 1.0 / Math.sqrt(q) : Math.pow(q, beta);
            double qb1 = qb / q;
            out[0] = qb;
            out[1] = beta * invL2 * qb1;
            out[2] = beta * (beta - 1) * invL2 * invL2 * qb1 / q;
        }
    }

    /** {@code h_p(x, y)} for points and their scores stored in row-major arrays at the given offsets. */
    public double value(double[] x, int xo, double[] sx, int sxo, double[] y, int yo, double[] sy, int syo, int d) {
        double r2 = 0;
        double ss = 0;
        double sd = 0;
        for (int a = 0; a < d; a++) {
            double delta = x[xo + a] - y[yo + a];
            r2 += delta * delta;
            ss += sx[sxo + a] * sy[syo + a];
            sd += (sx[sxo + a] - sy[syo + a]) * delta;
        }
        double[] p = new double[3];
        profile(r2, p);
        return p[0] * ss - 2 * p[1] * sd - 2 * d * p[1] - 4 * r2 * p[2];
    }
}
