package io.witness.operators.hawkes.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Ogata's thinning (spec §A.8): draw a candidate from a Poisson process of rate λ̄ ≥ Σ_i λ_i valid until
 * the next accepted event, accept with probability Σ_i λ_i(t)/λ̄ and pick the type in proportion to
 * λ_i(t). The bound: for decreasing kernels (exponential) the current total intensity; for finite-support
 * kernels {@code Σ_i (μ_i + Σ_j Γ_ij · max f_ij · #{type-j events in (t−W, t]})}, valid for any horizon
 * because events only leave the window. Events older than the support (or, for infinite supports, than
 * 40 decay lengths) are forgotten.
 */
public final class OgataSimulator {
    private OgataSimulator() {
    }

    public static Events simulate(SimulatedProcess proc, double horizon, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int p = proc.dimension();
        double memory = 0;
        boolean decreasing = true;
        for (SimKernel[] row : proc.kernels()) {
            for (SimKernel k : row) {
                double s = k.support();
                memory = Math.max(memory, Double.isInfinite(s) ? 40 / k.max() : s);
                decreasing &= k.decreasing();
            }
        }
        ArrayDeque<double[]> recent = new ArrayDeque<>();
        List<double[]> out = new ArrayList<>();
        double t = 0;
        double[] lam = new double[p];
        while (true) {
            while (!recent.isEmpty() && recent.peekFirst()[0] <= t - memory) {
                recent.pollFirst();
            }
            double bound;
            if (decreasing) {
                bound = total(proc, recent, t, lam) * (1 + 1e-12) + 1e-300;
            } else {
                bound = 0;
                int[] counts = new int[p];
                for (double[] e : recent) {
                    counts[(int) e[1]]++;
                }
                for (int i = 0; i < p; i++) {
                    bound += proc.mu()[i];
                    for (int j = 0; j < p; j++) {
                        bound += proc.gamma()[i][j] * proc.kernels()[i][j].max() * counts[j];
                    }
                }
            }
            t += -Math.log(1 - rng.nextDouble()) / bound;
            if (t > horizon) {
                break;
            }
            while (!recent.isEmpty() && recent.peekFirst()[0] <= t - memory) {
                recent.pollFirst();
            }
            double sum = total(proc, recent, t, lam);
            if (sum > bound * (1 + 1e-9)) {
                throw new IllegalStateException("thinning bound " + bound + " below the intensity " + sum);
            }
            double u = rng.nextDouble() * bound;
            if (u <= sum) {
                int d = 0;
                double acc = lam[0];
                while (u > acc && d < p - 1) {
                    d++;
                    acc += lam[d];
                }
                double[] e = {t, d};
                recent.addLast(e);
                out.add(e);
            }
        }
        double[] times = new double[out.size()];
        int[] types = new int[out.size()];
        for (int n = 0; n < out.size(); n++) {
            times[n] = out.get(n)[0];
            types[n] = (int) out.get(n)[1];
        }
        return new Events(times, types);
    }

    /** Σ_i λ_i(t), with the events at or before t (right limit), writing λ_i into lam. */
    private static double total(SimulatedProcess proc, ArrayDeque<double[]> recent, double t, double[] lam) {
        int p = proc.dimension();
        double sum = 0;
        for (int i = 0; i < p; i++) {
            double l = proc.mu()[i];
            for (double[] e : recent) {
                int j = (int) e[1];
                double g = proc.gamma()[i][j];
                if (g != 0) {
                    double dt = t - e[0];
                    l += g * (dt == 0 && proc.kernels()[i][j].decreasing()
                            ? proc.kernels()[i][j].max() : proc.kernels()[i][j].density(dt));
                }
            }
            lam[i] = l;
            sum += l;
        }
        return sum;
    }
}
