package io.witness.operators.ksd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Spec §B.4.1: the Stein-kernel matrices, Û and V for N(0, I₂), and the 1-D values, to 1e-9. */
class SteinKernelCheckVectorTest {

    private static final double[] X = {0.5, -1, 1.5, 0.25, -0.3, 0.8, 2, -1.2};
    private static final GaussianMixtureModel STD2 = GaussianMixtureModel.gaussian(new double[2], new double[] {1, 0, 0, 1});

    private static final double[] GAUSS_H = {
        3.25, -0.7289361737, -0.9642535030, -0.1209250888,
        -0.7289361737, 4.3125, -0.9075912969, -0.0015421660,
        -0.9642535030, -0.9075912969, 2.73, -0.1743168680,
        -0.1209250888, -0.0015421660, -0.1743168680, 7.44};
    private static final double[] IMQ_H = {
        3.25, -0.1396690630, -0.8256976828, 0.8143842852,
        -0.1396690630, 4.3125, -0.5182769779, 1.0742432939,
        -0.8256976828, -0.5182769779, 2.73, -0.7892215154,
        0.8143842852, 1.0742432939, -0.7892215154, 7.44};

    @Test
    void gaussianBaseMatrixAndStatistics() {
        double[] h = SteinGram.matrix(X, STD2.scores(X, 4), 4, 2, SteinKernel.gaussian(1.0), null);
        assertThat(h).containsExactly(GAUSS_H, within(1e-9));
        assertThat(KsdStatistic.U.of(h, 4)).isCloseTo(-0.4829275161, within(1e-9));
        assertThat(KsdStatistic.V.of(h, 4) / 4).isCloseTo(0.7460856129, within(1e-9));
    }

    @Test
    void imqBaseMatrixAndStatistics() {
        double[] h = SteinGram.matrix(X, STD2.scores(X, 4), 4, 2, SteinKernel.imq(1, 1, -0.5), null);
        assertThat(h).containsExactly(IMQ_H, within(1e-9));
        assertThat(KsdStatistic.U.of(h, 4)).isCloseTo(-0.0640396100, within(1e-9));
        assertThat(KsdStatistic.V.of(h, 4) / 4).isCloseTo(1.0602515425, within(1e-9));
    }

    @Test
    void oneDimensionalValues() {
        GaussianMixtureModel std1 = GaussianMixtureModel.gaussian(new double[1], new double[] {1});
        double[] a = {0.5};
        double[] b = {-1};
        double[] sa = {-0.5};
        double[] sb = {1};
        assertThat(SteinKernel.imq(1, 1, -0.5).value(a, 0, sa, 0, b, 0, sb, 0, 1)).isCloseTo(-0.8451792931, within(1e-9));
        assertThat(SteinKernel.imq(1, 1, -0.5).value(a, 0, sa, 0, a, 0, sa, 0, 1)).isCloseTo(1.25, within(1e-12));
        assertThat(SteinKernel.gaussian(1).value(a, 0, sa, 0, b, 0, sb, 0, 1)).isCloseTo(-1.2986098694, within(1e-9));
        assertThat(SteinKernel.gaussian(1).value(a, 0, sa, 0, a, 0, sa, 0, 1)).isCloseTo(1.25, within(1e-12));
        double[] s = new double[1];
        std1.score(a, 0, s, 0);
        assertThat(s[0]).isEqualTo(-0.5);
    }

    /** The per-coordinate split sums to the off-diagonal total, i.e. to n(n−1)·Û. */
    @Test
    void coordinateSplitSumsToTheStatistic() {
        double[] coords = new double[2];
        double[] h = SteinGram.matrix(X, STD2.scores(X, 4), 4, 2, SteinKernel.imq(1.3, 1, -0.5), coords);
        assertThat((coords[0] + coords[1]) / 12).isCloseTo(KsdStatistic.U.of(h, 4), within(1e-12));
    }

    /**
     * The mixture score is the gradient of its log density (central differences), and the Stein kernel
     * equals its definition s(x)ᵀs(y)k + s(x)ᵀ∇_y k + s(y)ᵀ∇_x k + tr ∇_x∇_y k by finite differences.
     */
    @Test
    void scoreAndSteinKernelMatchFiniteDifferences() {
        GaussianMixtureModel m = new GaussianMixtureModel(new double[] {0.3, 0.7},
                new double[][] {{0, 1}, {2, -1}}, new double[][] {{1, 0.3, 0.3, 0.8}, {0.5, -0.1, -0.1, 1.5}});
        SplittableRandom r = new SplittableRandom(1);
        double eps = 1e-5;
        for (int t = 0; t < 20; t++) {
            double[] x = {r.nextDouble() * 4 - 1, r.nextDouble() * 4 - 2};
            double[] y = {r.nextDouble() * 4 - 1, r.nextDouble() * 4 - 2};
            double[] sx = new double[2];
            double[] sy = new double[2];
            m.score(x, 0, sx, 0);
            m.score(y, 0, sy, 0);
            for (int a = 0; a < 2; a++) {
                double[] up = x.clone();
                double[] dn = x.clone();
                up[a] += eps;
                dn[a] -= eps;
                assertThat(sx[a]).isCloseTo((m.logDensity(up, 0) - m.logDensity(dn, 0)) / (2 * eps), within(1e-6));
            }
            for (SteinKernel k : new SteinKernel[] {SteinKernel.imq(1.7, 1, -0.5), SteinKernel.gaussian(0.9),
                    SteinKernel.imq(0.8, 1.5, -0.3)}) {
                double expected = byDefinition(k, x, sx, y, sy, eps);
                assertThat(k.value(x, 0, sx, 0, y, 0, sy, 0, 2)).isCloseTo(expected, within(1e-5));
            }
        }
    }

    private static double base(SteinKernel k, double[] x, double[] y) {
        double r2 = 0;
        for (int a = 0; a < x.length; a++) {
            r2 += (x[a] - y[a]) * (x[a] - y[a]);
        }
        double[] p = new double[3];
        k.profile(r2, p);
        return p[0];
    }

    private static double byDefinition(SteinKernel k, double[] x, double[] sx, double[] y, double[] sy, double e) {
        int d = x.length;
        double v = base(k, x, y);
        double total = v * (sx[0] * sy[0] + sx[1] * sy[1]);
        for (int a = 0; a < d; a++) {
            double[] xu = x.clone();
            double[] xd = x.clone();
            xu[a] += e;
            xd[a] -= e;
            double[] yu = y.clone();
            double[] yd = y.clone();
            yu[a] += e;
            yd[a] -= e;
            double dx = (base(k, xu, y) - base(k, xd, y)) / (2 * e);
            double dy = (base(k, x, yu) - base(k, x, yd)) / (2 * e);
            double dxy = (base(k, xu, yu) - base(k, xu, yd) - base(k, xd, yu) + base(k, xd, yd)) / (4 * e * e);
            total += sx[a] * dy + sy[a] * dx + dxy;
        }
        return total;
    }
}
