package io.witness.operators.seqksd;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The §B.7.8 experiment: random walk on the 8-cycle (±1 with probability ½, entries floored at 1e−3 and
 * renormalised), uniform first symbol, stop probability 1/10; alternative: holding probability h.
 */
final class RandomWalkSimulation {

    static final int S = 8;
    static final double STOP = 0.1;

    private RandomWalkSimulation() {
    }

    static double[] transition(double hold) {
        double[] p = new double[S * S];
        for (int a = 0; a < S; a++) {
            p[a * S + a] += hold;
            p[a * S + (a + 1) % S] += (1 - hold) / 2;
            p[a * S + (a + S - 1) % S] += (1 - hold) / 2;
            double row = 0;
            for (int b = 0; b < S; b++) {
                p[a * S + b] = Math.max(p[a * S + b], 1e-3);
                row += p[a * S + b];
            }
            for (int b = 0; b < S; b++) {
                p[a * S + b] /= row;
            }
        }
        return p;
    }

    static MarkovSequenceModel target() {
        double[] pi = new double[S];
        java.util.Arrays.fill(pi, 1.0 / S);
        return MarkovSequenceModel.withConstantStop(pi, transition(0), STOP);
    }

    static List<String> sample(double hold, int n, SplittableRandom r) {
        return sample(hold, STOP, n, r);
    }

    /** n walks with holding probability {@code hold} and stop probability {@code stop}. */
    static List<String> sample(double hold, double stop, int n, SplittableRandom r) {
        double[] p = transition(hold);
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.setLength(0);
            int s = r.nextInt(S);
            b.append((char) s);
            while (r.nextDouble() >= stop) {
                double u = r.nextDouble();
                int next = S - 1;
                for (int t = 0; t < S; t++) {
                    u -= p[s * S + t];
                    if (u < 0) {
                        next = t;
                        break;
                    }
                }
                s = next;
                b.append((char) s);
            }
            out.add(b.toString());
        }
        return out;
    }

    static double rejectionRate(SequenceKsd test, double hold, int reps, long seed) {
        return rejectionRate(test, hold, STOP, reps, seed);
    }

    static double rejectionRate(SequenceKsd test, double hold, double stop, int reps, long seed) {
        MarkovSequenceModel p = target();
        SplittableRandom r = new SplittableRandom(seed);
        int rejected = 0;
        for (int rep = 0; rep < reps; rep++) {
            if (test.run(sample(hold, stop, 50, r), p, r.split()).pValue() <= 0.05) {
                rejected++;
            }
        }
        return (double) rejected / reps;
    }

    /** ZS_5' with Barker κ and the cyclic base kernel, as in the spec's table. */
    static SequenceKsd specTest(int draws) {
        return new SequenceKsd(new Neighbourhood(5, true, false), Balance.BARKER, SequenceKernel.cyclic(S), draws);
    }

    /** ZS_5 with insertions and deletions too (the monitor's default kind of neighbourhood). */
    static SequenceKsd fullTest(int draws) {
        return new SequenceKsd(new Neighbourhood(5, true, true), Balance.BARKER, SequenceKernel.cyclic(S), draws);
    }
}
