package io.witness.operators.ksd;

import io.witness.operators.kernel.GaussianSampler;

import java.io.DataOutput;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * A Gaussian mixture {@code p(x) = Σ_k w_k N(x; μ_k, Σ_k)} with full covariances; one component is the
 * multivariate Gaussian. Score (spec §B.1): {@code s(x) = Σ_k r_k(x) · (−Σ_k^{−1}(x − μ_k))} with the
 * responsibilities {@code r_k(x) ∝ w_k N(x; μ_k, Σ_k)}, computed with a log-sum-exp so far tails do
 * not underflow. Precisions and log-determinants are computed once (EJML, {@link SymmetricMatrix}).
 */
public final class GaussianMixtureModel implements ScoreModel {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final int d;
    private final int k;
    private final double[] weights;
    private final double[][] means;
    private final double[][] covariances;
    private final double[][] precisions;
    private final double[] logNorm;   // log w_k − ½ log det Σ_k − (d/2) log 2π

    /**
     * @param weights     K positive weights (normalised here)
     * @param means       K vectors of length d
     * @param covariances K row-major d×d SPD matrices
     */
    public GaussianMixtureModel(double[] weights, double[][] means, double[][] covariances) {
        this.k = weights.length;
        if (k < 1 || means.length != k || covariances.length != k) {
            throw new IllegalArgumentException("mixture needs matching numbers of weights, means and covariances");
        }
        this.d = means[0].length;
        double total = 0;
        for (double w : weights) {
            if (!(w > 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("mixture weights must be finite and > 0, got " + w);
            }
            total += w;
        }
        this.weights = new double[k];
        this.means = new double[k][];
        this.covariances = new double[k][];
        this.precisions = new double[k][];
        this.logNorm = new double[k];
        for (int c = 0; c < k; c++) {
            if (means[c].length != d || covariances[c].length != d * d) {
                throw new IllegalArgumentException("component " + c + " has the wrong dimension");
            }
            for (double v : means[c]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("mixture means must be finite");
                }
            }
            this.weights[c] = weights[c] / total;
            this.means[c] = means[c].clone();
            this.covariances[c] = covariances[c].clone();
            SymmetricMatrix.InverseAndLogDet inv = SymmetricMatrix.inverse(covariances[c], d);
            this.precisions[c] = inv.inverse();
            this.logNorm[c] = Math.log(this.weights[c]) - 0.5 * inv.logDet() - 0.5 * d * LOG_2PI;
        }
    }

    /** The multivariate Gaussian {@code N(μ, Σ)}. */
    public static GaussianMixtureModel gaussian(double[] mean, double[] covariance) {
        return new GaussianMixtureModel(new double[] {1.0}, new double[][] {mean}, new double[][] {covariance});
    }

    /** Component c alone, as a normalised Gaussian. */
    public GaussianMixtureModel component(int c) {
        return gaussian(means[c], covariances[c]);
    }

    public int components() {
        return k;
    }

    public double weight(int c) {
        return weights[c];
    }

    public double[] mean(int c) {
        return means[c].clone();
    }

    public double[] covariance(int c) {
        return covariances[c].clone();
    }

    @Override
    public int dimension() {
        return d;
    }

    /** {@code log(w_c N(x; μ_c, Σ_c))} for every component, into {@code out}; returns their log-sum-exp. */
    private double componentLogs(double[] in, int off, double[] out, double[][] centred) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double[] mu = means[c];
            double[] p = precisions[c];
            double[] z = centred[c];
            for (int i = 0; i < d; i++) {
                z[i] = in[off + i] - mu[i];
            }
            double q = 0;
            for (int i = 0; i < d; i++) {
                double r = 0;
                int row = i * d;
                for (int j = 0; j < d; j++) {
                    r += p[row + j] * z[j];
                }
                q += z[i] * r;
            }
            out[c] = logNorm[c] - 0.5 * q;
            max = Math.max(max, out[c]);
        }
        double s = 0;
        for (int c = 0; c < k; c++) {
            s += Math.exp(out[c] - max);
        }
        return max + Math.log(s);
    }

    @Override
    public void score(double[] in, int off, double[] out, int outOff) {
        double[] logs = new double[k];
        double[][] centred = new double[k][d];
        double lse = componentLogs(in, off, logs, centred);
        for (int i = 0; i < d; i++) {
            out[outOff + i] = 0;
        }
        for (int c = 0; c < k; c++) {
            double r = Math.exp(logs[c] - lse);
            if (r == 0) {
                continue;
            }
            double[] p = precisions[c];
            double[] z = centred[c];
            for (int i = 0; i < d; i++) {
                double g = 0;
                int row = i * d;
                for (int j = 0; j < d; j++) {
                    g += p[row + j] * z[j];
                }
                out[outOff + i] -= r * g;
            }
        }
    }

    /**
     * {@code log(w_c N(x; μ_c, Σ_c))} of every component into {@code out} (length K); returns
     * {@code log p(x)}, their log-sum-exp.
     */
    public double componentLogDensities(double[] in, int off, double[] out) {
        return componentLogs(in, off, out, new double[k][d]);
    }

    @Override
    public double logDensity(double[] in, int off) {
        return componentLogs(in, off, new double[k], new double[k][d]);
    }

    /**
     * n i.i.d. draws, row-major {@code n × d}: a component by its weight, then {@code μ_c + Σ_c^{1/2} z},
     * z standard normal (the parametric bootstrap of {@link FittedNull}).
     */
    public double[] sample(int n, SplittableRandom rng) {
        double[][] roots = new double[k][];
        for (int c = 0; c < k; c++) {
            roots[c] = SymmetricMatrix.power(covariances[c], d, 0.5);
        }
        GaussianSampler normal = new GaussianSampler(rng);
        double[] z = new double[d];
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            int c = 0;
            double u = rng.nextDouble();
            while (c < k - 1 && (u -= weights[c]) >= 0) {
                c++;
            }
            for (int a = 0; a < d; a++) {
                z[a] = normal.next();
            }
            double[] r = roots[c];
            for (int a = 0; a < d; a++) {
                double v = means[c][a];
                for (int b = 0; b < d; b++) {
                    v += r[a * d + b] * z[b];
                }
                x[i * d + a] = v;
            }
        }
        return x;
    }

    @Override
    public String describe() {
        return k == 1 ? "gaussian(d=" + d + ")" : "gaussian-mixture(k=" + k + ",d=" + d + ")";
    }

    @Override
    public void write(DataOutput out) throws IOException {
        ModelCodec.writeMixture(out, this);
    }

    @Override
    public int stateBytes() {
        return ModelCodec.mixtureBytes(k, d);
    }
}
