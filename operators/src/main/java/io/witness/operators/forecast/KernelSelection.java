package io.witness.operators.forecast;

import io.witness.operators.kernel.Kernel;
import io.witness.operators.kernel.KernelDistance;
import io.witness.operators.kernel.KernelKind;
import io.witness.operators.kernel.Kernels;
import io.witness.operators.kernel.MedianHeuristic;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Chooses the kernel family and width per key from its warm-up data, by prequential (predict, then
 * learn) squared error of the very regression that will run, on the warm-up's own (input, target)
 * pairs — an honest out-of-sample criterion that needs no held-out split.
 *
 * <p>Candidates: the families not fixed by the configuration (Gaussian, Laplace, IMQ, Matérn 3/2 and
 * 5/2) × widths {½, 1, 2} × the median heuristic of the inputs' shingles (squared Euclidean for the
 * Euclidean families, L1 for Laplace, whose profile is a function of the L1 distance). The ALD dictionary
 * is very sensitive to the width (spec §D.5): ½ to 2 times the median spans "many basis points" to "few"
 * without leaving the scale of the data. Ties go to the earlier candidate (Gaussian, width 1 first).
 */
final class KernelSelection {

    private static final double[] WIDTH_FACTORS = {1.0, 0.5, 2.0};
    private static final KernelKind[] FAMILIES = {KernelKind.GAUSSIAN, KernelKind.LAPLACE, KernelKind.IMQ,
            KernelKind.MATERN32, KernelKind.MATERN52};

    private KernelSelection() {
    }

    /**
     * @param inputs  row-major inputs (count × dim); the first {@code shingle} columns are the shingle
     * @param targets the regression targets
     * @param fixedKind      null to choose
     * @param fixedBandwidth NaN to choose
     * @param calendar       writes calendar features for the given bandwidth into an input row (may be a no-op)
     * @param newRegressor   a fresh regression for a kernel
     */
    static Kernel choose(double[] inputs, double[] targets, int count, int dim, int shingle, KernelKind fixedKind,
                         double fixedBandwidth, CalendarWriter calendar, Function<Kernel, AldRegressor> newRegressor) {
        KernelKind[] kinds = fixedKind == null ? FAMILIES : new KernelKind[] {fixedKind};
        Kernel best = null;
        double bestError = Double.POSITIVE_INFINITY;
        double[] row = new double[dim];
        for (KernelKind kind : kinds) {
            double[] widths = Double.isNaN(fixedBandwidth) ? widths(inputs, count, dim, shingle, kind)
                    : new double[] {fixedBandwidth};
            for (double width : widths) {
                Kernel kernel = Kernels.of(kind, width);
                if (count == 0) {
                    return kernel;
                }
                AldRegressor r = newRegressor.apply(kernel);
                double err = 0;
                for (int i = 0; i < count; i++) {
                    System.arraycopy(inputs, i * dim, row, 0, dim);
                    calendar.write(i, width, row);
                    double e = r.predict(row) - targets[i];
                    err += e * e;
                    r.learn(targets[i]);
                }
                if (err < bestError) {
                    bestError = err;
                    best = kernel;
                }
            }
        }
        return best;
    }

    private static double[] widths(double[] inputs, int count, int dim, int shingle, KernelKind kind) {
        double median;
        if (count < 2) {
            median = 1.0;
        } else if (kind.distance() == KernelDistance.MANHATTAN) {
            median = medianL1(inputs, count, dim, shingle);
        } else {
            median = Math.sqrt(MedianHeuristic.sigmaSquared(inputs, count, dim, 0, shingle, 17L));
        }
        if (!(median > 0) || !Double.isFinite(median)) {
            median = 1.0;
        }
        double[] w = new double[WIDTH_FACTORS.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = median * WIDTH_FACTORS[i];
        }
        return w;
    }

    private static double medianL1(double[] inputs, int count, int dim, int shingle) {
        double[] d = new double[count * (count - 1) / 2];
        int k = 0;
        for (int i = 0; i < count; i++) {
            for (int j = i + 1; j < count; j++) {
                d[k++] = KernelDistance.MANHATTAN.between(inputs, i * dim, inputs, j * dim, shingle);
            }
        }
        Arrays.sort(d);
        double m = d.length % 2 == 1 ? d[d.length / 2] : 0.5 * (d[d.length / 2 - 1] + d[d.length / 2]);
        return m > 0 ? m : 1.0;
    }

    /** Fills the calendar part of input row i for a candidate width. */
    interface CalendarWriter {
        void write(int i, double bandwidth, double[] row);
    }
}
