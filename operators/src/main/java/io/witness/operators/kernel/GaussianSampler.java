package io.witness.operators.kernel;

import java.util.SplittableRandom;

/**
 * Standard normal variates by the Box–Muller transform on top of {@link SplittableRandom#nextDouble()}.
 *
 * <p>Why not {@code nextGaussian()}: its algorithm changed across JDK versions (JDK 17 gave the new
 * {@code RandomGenerator}s a ziggurat method), whereas the random-feature frequencies drawn from a
 * configured seed must be the same after a JDK upgrade: a stored per-key state (running means of the
 * features) only means something with the very frequencies it was built with.
 * {@code SplittableRandom.nextDouble()} is specified bit for bit, and the transform uses
 * {@link StrictMath} (fdlibm, identical bits on every JVM) rather than {@link Math}, whose intrinsics
 * may differ by an ulp between platforms.
 */
public final class GaussianSampler {

    private final SplittableRandom random;
    private double spare;
    private boolean hasSpare;

    public GaussianSampler(long seed) {
        this(new SplittableRandom(seed));
    }

    public GaussianSampler(SplittableRandom random) {
        this.random = random;
    }

    /** Next standard normal. Each uniform pair yields two normals; the second is kept for the next call. */
    public double next() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        // 1 - u lies in (0, 1], so the logarithm is finite.
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        double angle = 2.0 * Math.PI * u2;
        spare = r * StrictMath.sin(angle);
        hasSpare = true;
        return r * StrictMath.cos(angle);
    }

    /** A new {@code rows × cols} matrix of standard normals, row by row. */
    public double[][] matrix(int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = next();
            }
        }
        return m;
    }
}
