package io.witness.operators.kernel;

/** The distance a kernel is a function of; see {@link KernelKind}. */
public enum KernelDistance {
    /** {@code ‖x−y‖²}, by direct differences so it is ≥ 0 without clamping (§0.3). */
    SQUARED_EUCLIDEAN {
        @Override
        public double between(double[] a, int aOff, double[] b, int bOff, int d) {
            double s = 0;
            for (int i = 0; i < d; i++) {
                double diff = a[aOff + i] - b[bOff + i];
                s += diff * diff;
            }
            return s;
        }
    },
    /** {@code ‖x−y‖₁}. */
    MANHATTAN {
        @Override
        public double between(double[] a, int aOff, double[] b, int bOff, int d) {
            double s = 0;
            for (int i = 0; i < d; i++) {
                s += Math.abs(a[aOff + i] - b[bOff + i]);
            }
            return s;
        }
    };

    /** The distance between {@code a[aOff..aOff+d)} and {@code b[bOff..bOff+d)}. */
    public abstract double between(double[] a, int aOff, double[] b, int bOff, int d);
}
