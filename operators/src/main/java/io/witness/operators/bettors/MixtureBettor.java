package io.witness.operators.bettors;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Mixture betting (spec §A.2.6): 19 constant fractions {@code λ_j = 0.05, 0.10, …, 0.95}, each with
 * its own wealth; the test's wealth is their average (an average of test martingales is a test
 * martingale), computed in log space with a log-sum-exp.
 *
 * <p>The average moves exactly like a single bet with the wealth-weighted fraction
 * {@code Σ W_j λ_j / Σ W_j}; that is the λ reported by {@link #lastLambda()}.
 */
public final class MixtureBettor implements Bettor {

    static final int GRID = 19;
    private static final double LOG_GRID = Math.log(GRID);

    private final double[] logW = new double[GRID];
    private double lastLambda;

    static double gridLambda(int j) {
        return 0.05 * (j + 1);
    }

    @Override
    public void bet(double f) {
        double max = max();
        double num = 0;
        double den = 0;
        for (int j = 0; j < GRID; j++) {
            double w = Math.exp(logW[j] - max);
            num += w * gridLambda(j);
            den += w;
        }
        lastLambda = num / den;
        for (int j = 0; j < GRID; j++) {
            logW[j] += Bettor.logGrowth(gridLambda(j), f);
        }
    }

    private double max() {
        double m = Double.NEGATIVE_INFINITY;
        for (double l : logW) {
            m = Math.max(m, l);
        }
        return m;
    }

    @Override
    public double lastLambda() {
        return lastLambda;
    }

    @Override
    public double logWealth() {
        double max = max();
        double s = 0;
        for (double l : logW) {
            s += Math.exp(l - max);
        }
        return max + Math.log(s) - LOG_GRID;
    }

    @Override
    public void resetWealth() {
        java.util.Arrays.fill(logW, 0.0);
    }

    @Override
    public String name() {
        return "mixture";
    }

    @Override
    public void write(DataOutput out) throws IOException {
        for (double l : logW) {
            out.writeDouble(l);
        }
        out.writeDouble(lastLambda);
    }

    @Override
    public void read(DataInput in) throws IOException {
        for (int j = 0; j < GRID; j++) {
            logW[j] = in.readDouble();
        }
        lastLambda = in.readDouble();
    }

    @Override
    public int stateBytes() {
        return (GRID + 1) * 8;
    }
}
