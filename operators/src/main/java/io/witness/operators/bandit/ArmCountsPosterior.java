package io.witness.operators.bandit;

import io.witness.operators.kernel.Kernel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * {@link BatchPosterior} for a few arms (the service's actions): N plays of one arm with noise variance
 * λ each carry the same information as one observation of their mean with variance λ/N, so the
 * posterior over K arms needs only per-arm counts and reward sums —
 * {@code μ = K_{·S} (K_SS + λ·diag(1/N_S))⁻¹ ȳ_S}, {@code σ² = k − K_{·S}(K_SS + λ·diag(1/N_S))⁻¹K_{S·}} over
 * the arms S played — identical to the per-play GP of {@link PlayPosterior} (a test checks 1e-9), with
 * O(K) state however long the batch. Each query refactors the |S| × |S| system (EJML Cholesky), O(K³)
 * for K ≤ {@link BanditParameters#MAX_ACTIONS}.
 */
public final class ArmCountsPosterior implements BatchPosterior {
    private final Kernel kernel;
    private final double[] arms;
    private final int dim;
    private final int k;
    private final double lambda;
    private final int[] plays;
    private final int[] arrivals;
    private final double[] rewardSums;
    private double[] cachedVariance;

    /** @param arms all arms, row-major K × dim (not copied) */
    public ArmCountsPosterior(Kernel kernel, double[] arms, int dim, double lambda) {
        this.kernel = kernel;
        this.arms = arms;
        this.dim = dim;
        this.k = arms.length / dim;
        this.lambda = lambda;
        this.plays = new int[k];
        this.arrivals = new int[k];
        this.rewardSums = new double[k];
    }

    @Override
    public void startBatch(int[] candidates) {
        java.util.Arrays.fill(plays, 0);
        java.util.Arrays.fill(arrivals, 0);
        java.util.Arrays.fill(rewardSums, 0);
        cachedVariance = null;
    }

    @Override
    public void addPlay(int arm) {
        plays[arm]++;
        cachedVariance = null;
    }

    @Override
    public double variance(int arm) {
        if (cachedVariance == null) {
            cachedVariance = new double[k];
            posterior(plays, null, null, cachedVariance);
        }
        return cachedVariance[arm];
    }

    @Override
    public void observe(int arm, double y) {
        arrivals[arm]++;
        rewardSums[arm] += y;
    }

    @Override
    public void fit(double[] meanOut, double[] sdOut) {
        double[] var = new double[k];
        posterior(arrivals, rewardSums, meanOut, var);
        for (int a = 0; a < k; a++) {
            sdOut[a] = Math.sqrt(var[a]);
        }
    }

    /** Mean (when sums are given) and variance at every arm from per-arm counts. */
    private void posterior(int[] counts, double[] sums, double[] meanOut, double[] varOut) {
        int s = 0;
        int[] played = new int[k];
        for (int a = 0; a < k; a++) {
            if (counts[a] > 0) {
                played[s++] = a;
            }
        }
        if (s == 0) {
            for (int a = 0; a < k; a++) {
                varOut[a] = kernel.value(arms, a * dim, arms, a * dim, dim);
                if (meanOut != null) {
                    meanOut[a] = 0;
                }
            }
            return;
        }
        DMatrixRMaj m = new DMatrixRMaj(s, s);
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                m.unsafe_set(i, j, kernel.value(arms, played[i] * dim, arms, played[j] * dim, dim));
            }
            m.unsafe_set(i, i, m.unsafe_get(i, i) + lambda / counts[played[i]]);
        }
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(s, true);
        if (!chol.decompose(m)) {
            throw new IllegalStateException("arm posterior system is not positive definite");
        }
        double[] l = chol.getT(null).data;
        double[] alpha = null;
        if (meanOut != null) {
            alpha = new double[s];
            for (int i = 0; i < s; i++) {
                alpha[i] = sums[played[i]] / counts[played[i]];
            }
            forward(l, s, alpha);
        }
        double[] c = new double[s];
        for (int a = 0; a < k; a++) {
            for (int i = 0; i < s; i++) {
                c[i] = kernel.value(arms, played[i] * dim, arms, a * dim, dim);
            }
            forward(l, s, c);
            double cc = 0;
            double mean = 0;
            for (int i = 0; i < s; i++) {
                cc += c[i] * c[i];
                if (alpha != null) {
                    mean += c[i] * alpha[i];
                }
            }
            varOut[a] = Math.max(0.0, kernel.value(arms, a * dim, arms, a * dim, dim) - cc);
            if (meanOut != null) {
                meanOut[a] = mean;
            }
        }
    }

    private static void forward(double[] l, int s, double[] b) {
        for (int i = 0; i < s; i++) {
            double v = b[i];
            for (int j = 0; j < i; j++) {
                v -= l[i * s + j] * b[j];
            }
            b[i] = v / l[i * s + i];
        }
    }

    int stateBytes() {
        return k * (4 + 4 + 8);
    }

    void write(DataOutput out) throws IOException {
        for (int a = 0; a < k; a++) {
            out.writeInt(plays[a]);
            out.writeInt(arrivals[a]);
            out.writeDouble(rewardSums[a]);
        }
    }

    void read(DataInput in) throws IOException {
        for (int a = 0; a < k; a++) {
            plays[a] = in.readInt();
            arrivals[a] = in.readInt();
            rewardSums[a] = in.readDouble();
        }
        cachedVariance = null;
    }
}
