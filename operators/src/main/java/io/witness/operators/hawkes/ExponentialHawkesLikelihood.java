package io.witness.operators.hawkes;

/**
 * Exact log-likelihood, compensator and time-rescaled gaps of a multivariate Hawkes process with
 * exponential kernels in tick's convention {@code φ_ij(t) = α_ij β_ij e^{−β_ij t}} (spec §A.8), by the
 * O(N·p²) recursion on {@code S_ij = Σ_{t^j_k < t} e^{−β_ij (t − t^j_k)}}. The continuous-time,
 * infinite-support baseline that FaDIn is compared with (and the exact MLE's objective).
 */
public final class ExponentialHawkesLikelihood {

    /**
     * @param logLikelihood {@code Σ log λ_{d_n}(t_n) − Σ_i Λ_i(T)}
     * @param compensator   {@code Λ_i(T)}
     * @param rescaledGaps  per type, {@code Λ_i(t^i_{n−1}, t^i_n)} with {@code t^i_0 = 0} (i.i.d. Exp(1)
     *                      under the model)
     */
    public record Result(double logLikelihood, double[] compensator, double[][] rescaledGaps) {
    }

    private ExponentialHawkesLikelihood() {
    }

    /**
     * @param times   event times in non-decreasing order, in [0, T]
     * @param types   event types (0..p−1)
     * @param horizon T
     */
    public static Result evaluate(double[] times, int[] types, double horizon, double[] mu, double[][] alpha,
                                  double[][] beta) {
        int p = mu.length;
        double[][] s = new double[p][p];
        double[] running = new double[p];
        double[] total = new double[p];
        int[] counts = new int[p];
        for (int d : types) {
            counts[d]++;
        }
        double[][] gaps = new double[p][];
        for (int i = 0; i < p; i++) {
            gaps[i] = new double[counts[i]];
        }
        int[] seen = new int[p];
        double ll = 0;
        double last = 0;
        for (int n = 0; n < times.length; n++) {
            double t = times[n];
            double dt = t - last;
            if (dt < 0) {
                throw new IllegalArgumentException("event times must be non-decreasing: " + last + " then " + t);
            }
            // compensator over (last, t], then decay the states
            for (int i = 0; i < p; i++) {
                double inc = mu[i] * dt;
                for (int j = 0; j < p; j++) {
                    double decay = Math.exp(-beta[i][j] * dt);
                    inc += alpha[i][j] * s[i][j] * (1 - decay);
                    s[i][j] *= decay;
                }
                running[i] += inc;
                total[i] += inc;
            }
            int d = types[n];
            double lam = mu[d];
            for (int j = 0; j < p; j++) {
                lam += alpha[d][j] * beta[d][j] * s[d][j];
            }
            ll += Math.log(lam);
            gaps[d][seen[d]++] = running[d];
            running[d] = 0;
            for (int i = 0; i < p; i++) {
                s[i][d] += 1;
            }
            last = t;
        }
        double dt = horizon - last;
        for (int i = 0; i < p; i++) {
            double inc = mu[i] * dt;
            for (int j = 0; j < p; j++) {
                inc += alpha[i][j] * s[i][j] * (1 - Math.exp(-beta[i][j] * dt));
            }
            total[i] += inc;
            ll -= total[i];
        }
        return new Result(ll, total, gaps);
    }
}
