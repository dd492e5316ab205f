package io.witness.operators.bandit;

import io.witness.operators.kernel.Kernel;

import java.util.Arrays;

/**
 * {@link BatchPosterior} with one Cholesky row per play over the batch's candidate set
 * ({@link FiniteDomainGp}): exactly the reference code's {@code K + σ_n²I} over the played points
 * (spec online-methods.md §B.2), O(k·|X_r|) per play. For large grids (the §B.3 simulation); its memory
 * grows with the batch length, so the streaming service uses {@link ArmCountsPosterior} instead.
 */
public final class PlayPosterior implements BatchPosterior {
    private final Kernel kernel;
    private final double[] arms;
    private final int dim;
    private final double lambda;
    private int[] position;
    private double[] candidateInputs;
    private FiniteDomainGp plays;
    private int[] observedArms = new int[16];
    private double[] observedY = new double[16];
    private int observed;

    /** @param arms all arms, row-major K × dim (not copied) */
    public PlayPosterior(Kernel kernel, double[] arms, int dim, double lambda) {
        this.kernel = kernel;
        this.arms = arms;
        this.dim = dim;
        this.lambda = lambda;
    }

    @Override
    public void startBatch(int[] candidates) {
        position = new int[arms.length / dim];
        Arrays.fill(position, -1);
        candidateInputs = new double[candidates.length * dim];
        for (int i = 0; i < candidates.length; i++) {
            position[candidates[i]] = i;
            System.arraycopy(arms, candidates[i] * dim, candidateInputs, i * dim, dim);
        }
        plays = new FiniteDomainGp(kernel, candidateInputs, dim, lambda);
        observed = 0;
    }

    @Override
    public void addPlay(int arm) {
        plays.add(position[arm], 0.0);
    }

    @Override
    public double variance(int arm) {
        return plays.variance(position[arm]);
    }

    @Override
    public void observe(int arm, double y) {
        if (observed == observedArms.length) {
            observedArms = Arrays.copyOf(observedArms, 2 * observed);
            observedY = Arrays.copyOf(observedY, 2 * observed);
        }
        observedArms[observed] = arm;
        observedY[observed++] = y;
    }

    @Override
    public void fit(double[] meanOut, double[] sdOut) {
        FiniteDomainGp gp = new FiniteDomainGp(kernel, candidateInputs, dim, lambda);
        for (int i = 0; i < observed; i++) {
            gp.add(position[observedArms[i]], observedY[i]);
        }
        for (int arm = 0; arm < position.length; arm++) {
            int p = position[arm];
            if (p >= 0) {
                meanOut[arm] = gp.mean(p);
                sdOut[arm] = Math.sqrt(gp.variance(p));
            }
        }
    }
}
