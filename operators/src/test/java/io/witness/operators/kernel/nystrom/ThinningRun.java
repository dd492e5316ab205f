package io.witness.operators.kernel.nystrom;

import io.witness.operators.kernel.GaussianKernel;

/**
 * The set-up of spec online-methods.md §E.2's table: x ~ N(0, I₂), n → s = √n by target KT (split and
 * swap kernel Gaussian with bandwidth² = 2d), means over seeds 0..seeds−1 (data seed 1000 + seed).
 * Reports MMD to N(0, I₂) (closed form, the spec's metric) for KT, i.i.d. subsampling, standard
 * thinning and the full sample, and MMD to the input sample for KT and i.i.d.
 */
record ThinningRun(int n, int s, Stats kt, Stats iid, Stats standard, Stats full, Stats ktToInput, Stats iidToInput) {

    record Stats(double mean, double se) {
        static Stats of(double[] v) {
            double m = 0;
            for (double x : v) {
                m += x / v.length;
            }
            double ss = 0;
            for (double x : v) {
                ss += (x - m) * (x - m);
            }
            return new Stats(m, Math.sqrt(ss / (v.length - 1) / v.length));
        }
    }

    static final int D = 2;
    static final double ELL2 = 2.0 * D;

    static ThinningRun run(int n, int rounds, int seeds) {
        GaussianKernel k = new GaussianKernel(Math.sqrt(ELL2));
        int s = n >> rounds;
        double[] kt = new double[seeds];
        double[] iid = new double[seeds];
        double[] std = new double[seeds];
        double[] full = new double[seeds];
        double[] ktIn = new double[seeds];
        double[] iidIn = new double[seeds];
        int[] standard = new int[s];
        for (int i = 0; i < s; i++) {
            standard[i] = n - 1 - (s - 1 - i) * (n / s); // every (n/s)-th point from the end, as goodpoints
        }
        for (int seed = 0; seed < seeds; seed++) {
            double[] x = GaussianTargetMmd.standardNormal(n, D, 1000 + seed);
            int[] ktSet = KernelThinning.thin(k, x, n, D, rounds, seed);
            int[] iidSet = UniformCentres.select(n, s, seed);
            kt[seed] = GaussianTargetMmd.mmd(x, ktSet, D, ELL2);
            iid[seed] = GaussianTargetMmd.mmd(x, iidSet, D, ELL2);
            std[seed] = GaussianTargetMmd.mmd(x, standard, D, ELL2);
            full[seed] = GaussianTargetMmd.mmd(x, GaussianTargetMmd.all(n), D, ELL2);
            ktIn[seed] = GaussianTargetMmd.mmdToInput(k, x, n, D, ktSet);
            iidIn[seed] = GaussianTargetMmd.mmdToInput(k, x, n, D, iidSet);
        }
        return new ThinningRun(n, s, Stats.of(kt), Stats.of(iid), Stats.of(std), Stats.of(full), Stats.of(ktIn), Stats.of(iidIn));
    }

    @Override
    public String toString() {
        return String.format("%d → %d: MMD to P — KT %.4f±%.4f  iid %.4f±%.4f  standard %.4f±%.4f  full %.4f±%.4f;"
                        + " MMD to input — KT %.5f±%.5f  iid %.4f±%.4f",
                n, s, kt.mean, kt.se, iid.mean, iid.se, standard.mean, standard.se, full.mean, full.se,
                ktToInput.mean, ktToInput.se, iidToInput.mean, iidToInput.se);
    }
}
