package io.witness.operators.hawkes.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Test reference: the rescaled gaps {@code Λ_i(t^i_{n−1}, t^i_n)} of events under a continuous model
 * (spec §A.8), from the kernels' cumulative integrals; only events within the kernels' memory count.
 */
public final class ContinuousCompensator {
    private ContinuousCompensator() {
    }

    /** Pooled rescaled gaps of all types (each type's first gap, from time 0, included). */
    public static double[] gaps(SimulatedProcess proc, Events ev) {
        int p = proc.dimension();
        double memory = 0;
        for (SimKernel[] row : proc.kernels()) {
            for (SimKernel k : row) {
                memory = Math.max(memory, Double.isInfinite(k.support()) ? 40 / k.max() : k.support());
            }
        }
        double[] lastOfType = new double[p];
        List<Double> out = new ArrayList<>();
        for (int n = 0; n < ev.size(); n++) {
            double b = ev.times()[n];
            int i = ev.types()[n];
            double a = lastOfType[i];
            double lam = proc.mu()[i] * (b - a);
            // a is this type's previous event: it may be far older than the previous event of any type
            int start = java.util.Arrays.binarySearch(ev.times(), 0, n, a - memory);
            start = start < 0 ? -start - 1 : start;
            for (int m = start; m < n; m++) {
                double te = ev.times()[m];
                int j = ev.types()[m];
                SimKernel k = proc.kernels()[i][j];
                lam += proc.gamma()[i][j] * (k.cumulative(b - te) - k.cumulative(Math.max(a - te, 0)));
            }
            out.add(lam);
            lastOfType[i] = b;
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
