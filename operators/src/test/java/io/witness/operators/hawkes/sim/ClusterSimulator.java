package io.witness.operators.hawkes.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The cluster (branching) simulation of spec §A.8 (FaDIn's {@code simu_hawkes_cluster}): immigrants of
 * type i form a Poisson(μ_i) process on {@code [−burnIn, T]}; every event of type j at t begets
 * Poisson(Γ_ij) children of type i at {@code t + D}, {@code D ~ f_ij}; generations recurse until empty;
 * events outside [0, T] are dropped (the burn-in removes the edge effect of a process that starts
 * empty).
 */
public final class ClusterSimulator {
    private ClusterSimulator() {
    }

    public static Events simulate(SimulatedProcess proc, double horizon, double burnIn, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int p = proc.dimension();
        List<double[]> generation = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            double t = -burnIn;
            if (proc.mu()[i] <= 0) {
                continue;
            }
            while (true) {
                t += -Math.log(1 - rng.nextDouble()) / proc.mu()[i];
                if (t > horizon) {
                    break;
                }
                generation.add(new double[]{t, i});
            }
        }
        List<double[]> all = new ArrayList<>(generation);
        while (!generation.isEmpty()) {
            List<double[]> next = new ArrayList<>();
            for (double[] parent : generation) {
                int j = (int) parent[1];
                for (int i = 0; i < p; i++) {
                    int children = poisson(proc.gamma()[i][j], rng);
                    for (int c = 0; c < children; c++) {
                        double t = parent[0] + proc.kernels()[i][j].sample(rng);
                        if (t <= horizon) {
                            next.add(new double[]{t, i});
                        }
                    }
                }
            }
            all.addAll(next);
            generation = next;
        }
        all.removeIf(e -> e[0] < 0);
        all.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] times = new double[all.size()];
        int[] types = new int[all.size()];
        for (int n = 0; n < all.size(); n++) {
            times[n] = all.get(n)[0];
            types[n] = (int) all.get(n)[1];
        }
        return new Events(times, types);
    }

    /** Poisson(mean) for small means (Knuth's product of uniforms). */
    static int poisson(double mean, SplittableRandom rng) {
        if (mean <= 0) {
            return 0;
        }
        double limit = Math.exp(-mean);
        double prod = rng.nextDouble();
        int n = 0;
        while (prod > limit) {
            prod *= rng.nextDouble();
            n++;
        }
        return n;
    }
}
