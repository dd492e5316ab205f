package io.witness.operators.kernel.nystrom;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * m of n indices uniformly without replacement (seeded partial Fisher–Yates). The first m indices drawn
 * with a seed are the same whatever m is, so centre sets for growing m are nested.
 */
public final class UniformCentres {

    private UniformCentres() {
    }

    public static int[] select(int n, int m, long seed) {
        if (m < 1 || m > n) {
            throw new IllegalArgumentException("cannot pick " + m + " of " + n + " points");
        }
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < m; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, m);
    }
}
