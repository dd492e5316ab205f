package io.witness.operators.kernel;

/**
 * Neumaier's improved Kahan summation: a running sum plus a correction term, so long sums of
 * positive terms of mixed magnitude (SKIT's {@code T = Σ K_ij L_ij}, §A.2.7) keep full precision.
 */
public final class CompensatedSum {

    private double sum;
    private double compensation;

    public void add(double v) {
        double t = sum + v;
        if (Math.abs(sum) >= Math.abs(v)) {
            compensation += (sum - t) + v;
        } else {
            compensation += (v - t) + sum;
        }
        sum = t;
    }

    public double value() {
        return sum + compensation;
    }

    /** The raw parts, for state serialization (restoring both keeps results bitwise identical). */
    public double rawSum() {
        return sum;
    }

    public double rawCompensation() {
        return compensation;
    }

    public void set(double rawSum, double rawCompensation) {
        this.sum = rawSum;
        this.compensation = rawCompensation;
    }
}
