package io.witness.operators.bandit;

import java.util.ArrayList;
import java.util.List;

/**
 * BPE-Delay's batch schedule (spec online-methods.md §B.2): {@code q_0 = 1},
 * {@code q_r = ceil(sqrt(T·q_{r−1}))} plays that count, each batch extended by the delay bound
 * {@code u = E[τ] + ψ} so that their rewards have arrived w.h.p. before the batch ends:
 * {@code t_r = q_r + u}, batches until {@code Σ q_r > T}.
 * {@code ψ_t(δ) = min(√(2ξ² ln(3t/(2δ))), 2b ln(3t/(2δ)))} for sub-exponential delays with
 * parameters (ξ, b).
 *
 * <p>Paper ({@code codeBehaviour = false}): ψ at the horizon T, {@code t_r = ceil(q_r + u)}.
 * Reference code ({@code bped_batch_size}, §F.5): ψ at the running time {@code t = Σ t_{<r} + q_r},
 * {@code t_r = floor(q_r + u)}; for T = 1000, E[τ] = 50 that is 98, 250, 497, 726.
 */
public final class BpeSchedule {

    /** One batch: {@code useful} = q_r plays whose rewards count (paper), {@code length} = t_r plays in all. */
    public record Batch(int useful, int length) {
    }

    private BpeSchedule() {
    }

    /** ψ_t(δ) of §B.1. */
    public static double psi(double t, double xi, double b, double delta) {
        double log = Math.log(3 * t / (2 * delta));
        return Math.min(Math.sqrt(2 * xi * xi * log), 2 * b * log);
    }

    public static List<Batch> batches(long horizon, double meanDelay, double xi, double b, double delta,
                                      boolean codeBehaviour) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be ≥ 1, got " + horizon);
        }
        List<Batch> out = new ArrayList<>();
        double previous = 1;
        long usefulSum = 0;
        long lengthSum = 0;
        while (usefulSum <= horizon) {
            double q = Math.ceil(Math.sqrt((double) horizon * previous));
            int length;
            if (codeBehaviour) {
                double u = meanDelay + psi(lengthSum + q, xi, b, delta);
                length = (int) Math.floor(q + u);
            } else {
                double u = meanDelay + psi(horizon, xi, b, delta);
                length = (int) Math.ceil(q + u);
            }
            out.add(new Batch((int) q, length));
            usefulSum += (long) q;
            lengthSum += length;
            previous = q;
        }
        return out;
    }
}
