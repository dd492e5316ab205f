package io.witness.operators.bettors;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Approximate GRAPA betting (spec §A.2.6): {@code λ = clip(mean payoff / mean squared payoff, 0, c)}
 * over the past payoffs plus one pseudo-observation with mean 1e-3 and second moment 1, i.e.
 * {@code λ = clip((1e-3 + Σf) / (1 + Σf²), 0, c)} (the common 1/(k+1) cancels).
 */
public final class AgrapaBettor implements Bettor {

    static final double PRIOR_MEAN = 1e-3;
    static final double PRIOR_SECOND_MOMENT = 1.0;

    private final double truncation;

    private double sumF;
    private double sumF2;
    private double lastLambda;
    private double logWealth;

    public AgrapaBettor(double truncation) {
        this.truncation = truncation;
    }

    @Override
    public void bet(double f) {
        double lambda = Math.max(0.0, Math.min(truncation, (PRIOR_MEAN + sumF) / (PRIOR_SECOND_MOMENT + sumF2)));
        lastLambda = lambda;
        logWealth += Bettor.logGrowth(lambda, f);
        sumF += f;
        sumF2 += f * f;
    }

    @Override
    public double lastLambda() {
        return lastLambda;
    }

    @Override
    public double logWealth() {
        return logWealth;
    }

    @Override
    public void resetWealth() {
        logWealth = 0.0;
    }

    @Override
    public String name() {
        return "agrapa";
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeDouble(sumF);
        out.writeDouble(sumF2);
        out.writeDouble(lastLambda);
        out.writeDouble(logWealth);
    }

    @Override
    public void read(DataInput in) throws IOException {
        sumF = in.readDouble();
        sumF2 = in.readDouble();
        lastLambda = in.readDouble();
        logWealth = in.readDouble();
    }

    @Override
    public int stateBytes() {
        return 4 * 8;
    }
}
