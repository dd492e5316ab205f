package io.witness.operators.compute.cpu;

import io.witness.operators.kernel.KernelKind;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Profile} on whole vectors: the same constants and the same order of operations, with the
 * JDK's vectorised exp, sqrt and pow (SVML on x86, within an ulp or so of {@link Math#exp}).
 */
final class VectorProfile {

    private static final VectorSpecies<Double> S = VectorDoubleRowKernel.S;
    private static final int L = S.length();

    private final KernelKind kind;
    private final double gamma;
    private final double inv;
    private final double c2;
    private final double invSigma2;
    private final double beta;
    private final double scale;

    VectorProfile(Profile p) {
        this.kind = p.kind();
        this.gamma = p.gamma();
        this.inv = p.inv();
        this.c2 = p.c2();
        this.invSigma2 = p.invSigma2();
        this.beta = p.beta();
        this.scale = p.scale();
    }

    /** In place: {@code s[j] = max(0, (na + nb[j]) − 2 s[j])}, as {@link DoubleRowKernel} computes it. */
    static void squaredDistances(double na, double[] nb, double[] s, int len) {
        DoubleVector va = DoubleVector.broadcast(S, na);
        for (int j = 0; j < len; j += L) {
            DoubleVector dot = DoubleVector.fromArray(S, s, j);
            va.add(DoubleVector.fromArray(S, nb, j)).sub(dot.mul(2.0)).max(0.0).intoArray(s, j);
        }
    }

    /** {@code out[j] = k(s[j])}, {@code len} a multiple of the vector length. */
    void apply(double[] s, double[] out, int len) {
        switch (kind) {
            case GAUSSIAN -> {
                double g = -gamma;
                for (int j = 0; j < len; j += L) {
                    DoubleVector.fromArray(S, s, j).mul(g).lanewise(VectorOperators.EXP).intoArray(out, j);
                }
            }
            case LAPLACE -> {
                double g = -inv;
                for (int j = 0; j < len; j += L) {
                    DoubleVector.fromArray(S, s, j).mul(g).lanewise(VectorOperators.EXP).intoArray(out, j);
                }
            }
            case IMQ -> {
                for (int j = 0; j < len; j += L) {
                    DoubleVector base = DoubleVector.fromArray(S, s, j).mul(invSigma2).add(c2);
                    DoubleVector k = beta == -0.5
                            ? DoubleVector.broadcast(S, 1.0).div(base.lanewise(VectorOperators.SQRT))
                            : base.lanewise(VectorOperators.POW, beta);
                    k.intoArray(out, j);
                }
            }
            case MATERN32 -> {
                for (int j = 0; j < len; j += L) {
                    DoubleVector t = DoubleVector.fromArray(S, s, j).lanewise(VectorOperators.SQRT).mul(scale);
                    t.add(1.0).mul(t.neg().lanewise(VectorOperators.EXP)).intoArray(out, j);
                }
            }
            case MATERN52 -> {
                for (int j = 0; j < len; j += L) {
                    DoubleVector t = DoubleVector.fromArray(S, s, j).lanewise(VectorOperators.SQRT).mul(scale);
                    t.add(1.0).add(t.mul(t).div(3.0)).mul(t.neg().lanewise(VectorOperators.EXP)).intoArray(out, j);
                }
            }
            default -> throw new IllegalStateException("unhandled kernel kind " + kind);
        }
    }
}
