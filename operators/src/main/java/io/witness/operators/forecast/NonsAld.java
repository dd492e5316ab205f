package io.witness.operators.forecast;

import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * NONS-ALD (spec §D.4, from {@code NONS-ALD.R}): an online Newton step on Nyström features of the ALD
 * dictionary, {@code A = μI + η Σ g gᵀ} with A⁻¹ kept by Sherman–Morrison, and the generalised
 * projection onto {@code |wᵀφ(x_next)| ≤ C} in the A-norm.
 *
 * <p>Features: the R script uses {@code φ̃(x) = Λ^{-1/2} Uᵀ k_S(x)} from an eigendecomposition of K_S
 * and re-expresses A and w through a map Q whenever S grows (O(k³)). We use the Cholesky features
 * {@code φ̃(x) = L⁻¹ k_S(x)} instead: they differ from the eigen-features by an orthogonal rotation
 * (both have {@code φ̃(x)ᵀφ̃(x') = k_S(x)ᵀ K_S⁻¹ k_S(x')}), and the update is rotation-equivariant
 * (μI is invariant), so every prediction is the same in exact arithmetic. In this basis Q is
 * {@code [I; 0]}: growing S keeps the old coordinates, appends a zero to w and a block {@code 1/μ} to
 * A⁻¹, and the new point's feature is {@code [l; √δ]}. Growth is O(k²) and no eigendecomposition is
 * ever needed.
 *
 * <p>As in the R script, an ordinary round takes the Newton step with A⁻¹ from before its own
 * rank-one update ({@code vt <- wt - A_gt} with {@code A_gt} computed from the old inverse), an
 * adding round with the updated one ({@code solve(A)} after {@code A += ηggᵀ}); the first point only
 * founds the dictionary (w = 0). The projection that the script makes at the end of a round with the
 * next input is made here at the start of the next round, before predicting: the same w results.
 *
 * <p>State: the dictionary, w (k doubles) and the packed upper triangle of A⁻¹ (k(k+1)/2 doubles).
 */
final class NonsAld extends AldRegressor {

    private final double bound;
    private final double mu;
    private final double eta;
    private final int cap;
    private final double[] w;
    /** Full symmetric A⁻¹, row-major with stride {@code cap}. */
    private final double[] aInv;
    private final double[] g;
    private final double[] z;

    NonsAld(AldDictionary dict, double threshold, double bound, double mu, double eta) {
        super(dict, threshold);
        this.bound = bound;
        this.mu = mu;
        this.eta = eta;
        this.cap = dict.capacity();
        this.w = new double[cap];
        this.aInv = new double[cap * cap];
        this.g = new double[cap];
        this.z = new double[cap];
    }

    @Override
    double predictPrepared() {
        int k = dict.size();
        if (k == 0) {
            return 0.0;
        }
        // generalised projection of w onto |wᵀφ| ≤ C in the A-norm (script: end of the previous round)
        double yTilde = dot(w, l, k);
        if (Math.abs(yTilde) > bound) {
            multiply(l, z, k);
            double z1 = dot(l, z, k);
            if (z1 == 0) {
                z1 = 1e-5; // as the script
            }
            double s = Math.signum(yTilde) * (Math.abs(yTilde) - bound) / z1;
            for (int i = 0; i < k; i++) {
                w[i] -= s * z[i];
            }
            return dot(w, l, k);
        }
        return yTilde;
    }

    @Override
    void learn(double y) {
        int k = dict.size();
        double e = prediction - y;
        if (k == 0) {
            dict.add(x, l, delta);
            w[0] = 0.0;
            aInv[0] = 1.0 / mu;
            return;
        }
        if (adds()) {
            // grow: w ← [w; 0], A⁻¹ ← blockdiag(A⁻¹, 1/μ), feature of x ← [l; √δ]
            double root = Math.sqrt(delta);
            dict.add(x, l, delta);
            w[k] = 0.0;
            for (int i = 0; i < k; i++) {
                aInv[i * cap + k] = 0.0;
                aInv[k * cap + i] = 0.0;
            }
            aInv[k * cap + k] = 1.0 / mu;
            int n = k + 1;
            for (int i = 0; i < k; i++) {
                g[i] = 2 * e * l[i];
            }
            g[k] = 2 * e * root;
            double denom = shermanMorrison(n);
            // v = w − A_new⁻¹ g = w − A_old⁻¹g / (1 + η gᵀA_old⁻¹g)
            for (int i = 0; i < n; i++) {
                w[i] -= z[i] / denom;
            }
        } else {
            for (int i = 0; i < k; i++) {
                g[i] = 2 * e * l[i];
            }
            shermanMorrison(k);
            // v = w − A_old⁻¹ g, as the script's ordinary branch
            for (int i = 0; i < k; i++) {
                w[i] -= z[i];
            }
        }
    }

    /**
     * A⁻¹ ← A⁻¹ − η (A⁻¹g)(A⁻¹g)ᵀ / (1 + η gᵀA⁻¹g); leaves z = A_old⁻¹ g and returns the denominator.
     */
    private double shermanMorrison(int n) {
        multiply(g, z, n);
        double denom = 1.0 + eta * dot(g, z, n);
        double c = eta / denom;
        // upper triangle, mirrored: A⁻¹ stays exactly symmetric, so a restored copy (which is rebuilt
        // from the upper triangle) continues bit for bit
        for (int i = 0; i < n; i++) {
            double ci = c * z[i];
            int row = i * cap;
            for (int j = i; j < n; j++) {
                double v = aInv[row + j] - ci * z[j];
                aInv[row + j] = v;
                aInv[j * cap + i] = v;
            }
        }
        return denom;
    }

    /** out = A⁻¹ v over the first n coordinates. */
    private void multiply(double[] v, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            int row = i * cap;
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += aInv[row + j] * v[j];
            }
            out[i] = s;
        }
    }

    private static double dot(double[] a, double[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static int bytesFor(int size, int dim) {
        return AldDictionary.bytesFor(size, dim) + 8 * size + 8 * (size * (size + 1) / 2);
    }

    @Override
    int stateBytes() {
        return bytesFor(dict.size(), dict.dim());
    }

    @Override
    void write(DataOutput out) throws IOException {
        dict.write(out);
        int k = dict.size();
        StateOutput.writeDoubles(out, w, 0, k);
        for (int i = 0; i < k; i++) {
            StateOutput.writeDoubles(out, aInv, i * cap + i, k - i);
        }
    }

    @Override
    void read(DataInput in) throws IOException {
        dict.read(in);
        int k = dict.size();
        StateInput.readDoubles(in, w, 0, k);
        for (int i = 0; i < k; i++) {
            StateInput.readDoubles(in, aInv, i * cap + i, k - i);
            for (int j = i + 1; j < k; j++) {
                aInv[j * cap + i] = aInv[i * cap + j];
            }
        }
    }
}
