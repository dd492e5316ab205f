package io.witness.operators.nplm;

/**
 * The result of one logistic-Falkon fit: {@code f(x) = Σ_j α_j k(x, c_j)}.
 *
 * @param centres      the M centres, row-major {@code M × d}
 * @param alpha        the M coefficients
 * @param f            f on the N training points, in the rows' order (reference first)
 * @param cgIterations conjugate-gradient iterations, summed over the Newton steps
 * @param cgResidual   the final preconditioned residual norm of the last Newton step
 * @param objective    {@code J(α) = (1/N)Σℓ + (λ/2)αᵀK_MMα} at the result
 * @param mode         how the K_NM products were computed
 */
public record FalkonFit(double[] centres, double[] alpha, double[] f, int cgIterations, double cgResidual,
                        double objective, KnmMode mode) {

    public int centreCount() {
        return alpha.length;
    }
}
