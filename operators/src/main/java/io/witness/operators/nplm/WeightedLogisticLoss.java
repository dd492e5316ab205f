package io.witness.operators.nplm;

/**
 * NPLM's weighted cross-entropy (spec kernel-tests.md §C.2, Falkon's {@code WeightedCrossEntropyLoss}):
 * {@code ℓ(y, f) = y·log(1 + e^{−f}) + w·(1−y)·log(1 + e^{f})}, y = 1 for data, 0 for reference.
 * Its pointwise minimiser is the log density ratio {@code f* = log[N_D p_D / (w N_R p_R)]}. Written with
 * the logistic function so that no term overflows for large |f|.
 */
final class WeightedLogisticLoss {

    private WeightedLogisticLoss() {
    }

    /** {@code 1/(1 + e^{−f})} without overflow. */
    static double sigmoid(double f) {
        if (f >= 0) {
            return 1.0 / (1.0 + Math.exp(-f));
        }
        double e = Math.exp(f);
        return e / (1.0 + e);
    }

    /** {@code log(1 + e^f)} without overflow. */
    static double softplus(double f) {
        return f > 0 ? f + Math.log1p(Math.exp(-f)) : Math.log1p(Math.exp(f));
    }

    static double value(boolean data, double w, double f) {
        return data ? softplus(-f) : w * softplus(f);
    }

    /** ℓ′: {@code −1/(1+e^f)} for data, {@code w·e^f/(1+e^f)} for reference. */
    static double first(boolean data, double w, double f) {
        return data ? -sigmoid(-f) : w * sigmoid(f);
    }

    /** ℓ″: {@code e^f/(1+e^f)²}, times w for reference. */
    static double second(boolean data, double w, double f) {
        double s = sigmoid(f) * sigmoid(-f);
        return data ? s : w * s;
    }
}
