package io.witness.operators.bettors;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Online Newton step betting (spec §A.2.6, the authors' recommended default):
 *
 * <pre>
 * first bet λ = 0, A = 1
 * after betting λ on f:  z = f / (1 + λ f);  A ← A + z²;  λ ← clip(λ + (2/(2 − ln 3))·z/A, 0, truncation)
 * </pre>
 *
 * Note: {@code 2/(2 − ln 3) ≈ 2.21880}; the approximate value printed next to it in the spec (2.2756)
 * is a typo — the check vector §A.5.1 (λ = 0.0051674112 at bet 2) needs 2.21880.
 */
public final class OnsBettor implements Bettor {

    static final double STEP = 2.0 / (2.0 - Math.log(3.0));

    private final double truncation;

    private double lambda;       // fraction for the next bet
    private double a = 1.0;
    private double lastLambda;
    private double logWealth;

    public OnsBettor(double truncation) {
        this.truncation = truncation;
    }

    @Override
    public void bet(double f) {
        lastLambda = lambda;
        logWealth += Bettor.logGrowth(lambda, f);
        double z = f / (1.0 + lambda * f);
        a += z * z;
        lambda = Math.max(0.0, Math.min(truncation, lambda + STEP * z / a));
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
        return "ons";
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeDouble(lambda);
        out.writeDouble(a);
        out.writeDouble(lastLambda);
        out.writeDouble(logWealth);
    }

    @Override
    public void read(DataInput in) throws IOException {
        lambda = in.readDouble();
        a = in.readDouble();
        lastLambda = in.readDouble();
        logWealth = in.readDouble();
    }

    @Override
    public int stateBytes() {
        return 4 * 8;
    }
}
