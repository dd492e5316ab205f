package io.witness.operators.compute.cpu;

import io.witness.operators.kernel.Kernel;
import io.witness.operators.kernel.KernelKind;

/**
 * A kernel's profile as loops over a row of distances, built from {@link Kernel#kind()} and
 * {@link Kernel#parameters()} with the constants computed exactly as the kernel classes compute them,
 * so that a value differs from {@link Kernel#value} only by how the distance was summed. Loops without a
 * transcendental call (IMQ with β = −1/2) are left in a shape C2 vectorises.
 */
final class Profile {

    private final KernelKind kind;
    private final double gamma;
    private final double inv;
    private final double c2;
    private final double invSigma2;
    private final double beta;
    private final double scale;

    Profile(Kernel kernel) {
        double[] p = kernel.parameters();
        double sigma = p[0];
        this.kind = kernel.kind();
        this.gamma = 1.0 / (2.0 * sigma * sigma);
        this.inv = 1.0 / sigma;
        this.c2 = p[1] * p[1];
        this.invSigma2 = 1.0 / (sigma * sigma);
        this.beta = p[2];
        this.scale = switch (kind) {
            case MATERN32 -> Math.sqrt(3.0) / sigma;
            case MATERN52 -> Math.sqrt(5.0) / sigma;
            default -> 0.0;
        };
    }

    KernelKind kind() {
        return kind;
    }

    double gamma() {
        return gamma;
    }

    double inv() {
        return inv;
    }

    double c2() {
        return c2;
    }

    double invSigma2() {
        return invSigma2;
    }

    double beta() {
        return beta;
    }

    double scale() {
        return scale;
    }

    /** {@code out[j] = k(s[j])} for {@code j < w}; s holds the kind's distance (squared Euclidean, or L1). */
    void apply(double[] s, double[] out, int w) {
        switch (kind) {
            case GAUSSIAN -> {
                double g = -gamma;
                for (int j = 0; j < w; j++) {
                    out[j] = Math.exp(g * s[j]);
                }
            }
            case LAPLACE -> {
                double g = -inv;
                for (int j = 0; j < w; j++) {
                    out[j] = Math.exp(g * s[j]);
                }
            }
            case IMQ -> {
                if (beta == -0.5) {
                    for (int j = 0; j < w; j++) {
                        out[j] = 1.0 / Math.sqrt(c2 + s[j] * invSigma2);
                    }
                } else {
                    for (int j = 0; j < w; j++) {
                        out[j] = Math.pow(c2 + s[j] * invSigma2, beta);
                    }
                }
            }
            case MATERN32 -> {
                for (int j = 0; j < w; j++) {
                    double t = scale * Math.sqrt(s[j]);
                    out[j] = (1.0 + t) * Math.exp(-t);
                }
            }
            case MATERN52 -> {
                for (int j = 0; j < w; j++) {
                    double t = scale * Math.sqrt(s[j]);
                    out[j] = (1.0 + t + t * t / 3.0) * Math.exp(-t);
                }
            }
            default -> throw new IllegalStateException("unhandled kernel kind " + kind);
        }
    }

    /** As {@link #apply(double[], double[], int)} for distances summed in float. */
    void apply(float[] s, double[] out, int w) {
        switch (kind) {
            case GAUSSIAN -> {
                double g = -gamma;
                for (int j = 0; j < w; j++) {
                    out[j] = Math.exp(g * s[j]);
                }
            }
            case LAPLACE -> {
                double g = -inv;
                for (int j = 0; j < w; j++) {
                    out[j] = Math.exp(g * s[j]);
                }
            }
            case IMQ -> {
                if (beta == -0.5) {
                    for (int j = 0; j < w; j++) {
                        out[j] = 1.0 / Math.sqrt(c2 + s[j] * invSigma2);
                    }
                } else {
                    for (int j = 0; j < w; j++) {
                        out[j] = Math.pow(c2 + s[j] * invSigma2, beta);
                    }
                }
            }
            case MATERN32 -> {
                for (int j = 0; j < w; j++) {
                    double t = scale * Math.sqrt(s[j]);
                    out[j] = (1.0 + t) * Math.exp(-t);
                }
            }
            case MATERN52 -> {
                for (int j = 0; j < w; j++) {
                    double t = scale * Math.sqrt(s[j]);
                    out[j] = (1.0 + t + t * t / 3.0) * Math.exp(-t);
                }
            }
            default -> throw new IllegalStateException("unhandled kernel kind " + kind);
        }
    }
}
