package io.witness.operators.kernel.features;

import io.witness.operators.kernel.FeatureMap.Form;
import io.witness.operators.kernel.GaussianSampler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Gram-matrix approximation error of random features shrinks like {@code D^{−1/2}}: fit the slope
 * of ln RMSE against ln D over D = 8 … 256 projections and expect −1/2.
 *
 * <p>Why −1/2 exactly: every coupling draws independent blocks of d projections, so the estimator is a
 * mean of m/d i.i.d. block estimates and its MSE is (block variance)/(m/d) — exactly ∝ 1/m whenever m is
 * a multiple of d, as here. The tolerance is statistical: each point's ln RMSE has variance
 * ≈ (SE(MSE)/MSE)²/4 (delta method, SE from the spread over draws), which propagates to an OLS slope SE;
 * the slope must lie within 4 of those SEs of −1/2, and that SE must itself be below 0.04 so a wrong rate
 * (say −0.3 or −0.7) cannot pass by noise.
 */
class FeatureConvergenceTest {

    private static final int D = 4;
    private static final int POINTS = 16;
    private static final int DRAWS = 200;
    private static final int[] PROJECTIONS = {8, 16, 32, 64, 128, 256};

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"IID, TRIGONOMETRIC", "ORTHOGONAL, TRIGONOMETRIC", "ORTHOGONAL, POSITIVE", "SIMPLEX, POSITIVE"})
    void rmseShrinksLikeOneOverRootD(FeatureCoupling coupling, Form form) {
        double[] x = new double[POINTS * D];
        GaussianSampler g = new GaussianSampler(4);
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.3 * g.next();
        }
        double[] exact = exactGram(x);
        int p = PROJECTIONS.length;
        double[] lnD = new double[p];
        double[] lnRmse = new double[p];
        double[] varLnRmse = new double[p];
        GaussianSampler draws = new GaussianSampler(1000 + coupling.ordinal());
        StringBuilder report = new StringBuilder(coupling + " " + form + ":");
        for (int a = 0; a < p; a++) {
            double[] perDraw = new double[DRAWS];
            for (int t = 0; t < DRAWS; t++) {
                RandomFeatures f = RandomFeatures.draw(coupling, form, D, PROJECTIONS[a], draws);
                perDraw[t] = meanSquaredGramError(f, x, exact);
            }
            double mean = 0;
            for (double v : perDraw) {
                mean += v / DRAWS;
            }
            double ss = 0;
            for (double v : perDraw) {
                ss += (v - mean) * (v - mean);
            }
            double se = Math.sqrt(ss / (DRAWS - 1) / DRAWS);
            lnD[a] = Math.log(PROJECTIONS[a]);
            lnRmse[a] = 0.5 * Math.log(mean);
            varLnRmse[a] = (se / mean) * (se / mean) / 4;
            report.append(String.format(" m=%d rmse=%.4g", PROJECTIONS[a], Math.sqrt(mean)));
        }
        double xBar = 0;
        double yBar = 0;
        for (int a = 0; a < p; a++) {
            xBar += lnD[a] / p;
            yBar += lnRmse[a] / p;
        }
        double sxx = 0;
        double sxy = 0;
        double varNumerator = 0;
        for (int a = 0; a < p; a++) {
            double dx = lnD[a] - xBar;
            sxx += dx * dx;
            sxy += dx * (lnRmse[a] - yBar);
            varNumerator += dx * dx * varLnRmse[a];
        }
        double slope = sxy / sxx;
        double slopeSe = Math.sqrt(varNumerator) / sxx;
        System.out.printf("%s; slope %.4f ± %.4f%n", report, slope, slopeSe);
        assertThat(slopeSe).isLessThan(0.04);
        assertThat(slope).isBetween(-0.5 - 4 * slopeSe, -0.5 + 4 * slopeSe);
    }

    private static double[] exactGram(double[] x) {
        double[] k = new double[POINTS * POINTS];
        for (int i = 0; i < POINTS; i++) {
            for (int j = 0; j < POINTS; j++) {
                double s = 0;
                for (int c = 0; c < D; c++) {
                    double diff = x[i * D + c] - x[j * D + c];
                    s += diff * diff;
                }
                k[i * POINTS + j] = Math.exp(-s / 2);
            }
        }
        return k;
    }

    /** Mean over pairs i &lt; j of (φ(x_i)·φ(x_j) − k(x_i, x_j))², σ = 1. */
    private static double meanSquaredGramError(RandomFeatures f, double[] x, double[] exact) {
        int len = f.outputDim();
        double[] phi = new double[POINTS * len];
        for (int i = 0; i < POINTS; i++) {
            f.map(x, i * D, 1.0, phi, i * len);
        }
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < POINTS; i++) {
            for (int j = i + 1; j < POINTS; j++) {
                double dot = 0;
                for (int c = 0; c < len; c++) {
                    dot += phi[i * len + c] * phi[j * len + c];
                }
                double e = dot - exact[i * POINTS + j];
                sum += e * e;
                pairs++;
            }
        }
        return sum / pairs;
    }
}
