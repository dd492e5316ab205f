package io.witness.operators.hawkes.sim;

import java.util.SplittableRandom;

/** tick's exponential density {@code β e^{−βt}} on (0, ∞) (spec §A.8). */
public record ExponentialKernel(double beta) implements SimKernel {

    @Override
    public double density(double t) {
        return t <= 0 ? 0 : beta * Math.exp(-beta * t);
    }

    @Override
    public double support() {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public double max() {
        return beta;
    }

    @Override
    public boolean decreasing() {
        return true;
    }

    @Override
    public double cumulative(double t) {
        return t <= 0 ? 0 : -Math.expm1(-beta * t);
    }

    @Override
    public double sample(SplittableRandom rng) {
        return -Math.log(1 - rng.nextDouble()) / beta;
    }
}
