package io.witness.operators.nplm;

/**
 * The points of one NPLM fit, row-major {@code N × d}: the {@code nRef} reference rows (label 0) first,
 * then the {@code nData} data rows (label 1), and the reference weight {@code w} of the loss
 * (spec kernel-tests.md §C.2: {@code w = N(0)/N_R}, or {@code N_D/N_R} when no rate is predicted).
 */
public record TrainingSet(double[] x, int nRef, int nData, int d, double weight) {

    public TrainingSet {
        if (nRef < 1 || nData < 1 || d < 1) {
            throw new IllegalArgumentException("need reference and data points: nRef=" + nRef + ", nData=" + nData
                    + ", d=" + d);
        }
        if (x.length < (long) (nRef + nData) * d) {
            throw new IllegalArgumentException("x holds " + x.length + " values, need " + (nRef + nData) * d);
        }
        if (!(weight > 0) || !Double.isFinite(weight)) {
            throw new IllegalArgumentException("weight must be finite and > 0, got " + weight);
        }
    }

    /** N = N_R + N_D. */
    public int size() {
        return nRef + nData;
    }

    /** Row i is a data point (label 1). */
    public boolean isData(int i) {
        return i >= nRef;
    }

    /** Builds {@code [reference; data]} from two row-major blocks. */
    public static TrainingSet of(double[] reference, int nRef, double[] data, int nData, int d, double weight) {
        double[] x = new double[(nRef + nData) * d];
        System.arraycopy(reference, 0, x, 0, nRef * d);
        System.arraycopy(data, 0, x, nRef * d, nData * d);
        return new TrainingSet(x, nRef, nData, d, weight);
    }
}
