package io.witness.operators.nplm;

/**
 * NPLM's test statistic (spec kernel-tests.md §C.1, {@code compute_t}; Letizia et al. eq. 21):
 * {@code t = 2 [ Σ_{x∈D} f(x) − w Σ_{x∈R} (e^{f(x)} − 1) ]}, the extended log-likelihood ratio of the
 * alternative {@code n(x|H1) = n(x|R) e^{f(x)}} against the reference, at the learnt f.
 */
public final class NplmStatistic {

    private NplmStatistic() {
    }

    /** t from f on the training rows of {@code set} (reference first). */
    public static double of(TrainingSet set, double[] f) {
        return of(f, set.nRef(), set.nData(), set.weight());
    }

    /** t from f on {@code nRef} reference rows followed by {@code nData} data rows. */
    public static double of(double[] f, int nRef, int nData, double weight) {
        double ref = 0;
        for (int i = 0; i < nRef; i++) {
            ref += Math.expm1(f[i]);
        }
        double data = 0;
        for (int i = nRef; i < nRef + nData; i++) {
            data += f[i];
        }
        return 2.0 * (data - weight * ref);
    }
}
