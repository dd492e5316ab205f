package io.witness.operators.hawkes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Kernel shapes and their gradients against central finite differences, for every family; the
 * Kumaraswamy ∂/∂a against the spec's values (the reference code's is wrong, §A.2, §F.2); the grid
 * normalisation (Δ Σ φ = 1) and its derivatives; and the full FaDIn gradient (μ, α, every kernel
 * parameter) against finite differences of the loss, for every family.
 */
class KernelGradientTest {

    @Test
    void kumaraswamyGradientInAIsTheCorrectOne() {
        KernelShape kum = KernelFamily.KUMARASWAMY.shape();
        double[] th = {2, 3};
        double[] g = new double[2];
        double[] t = {0.2, 0.5, 0.7};
        double[] want = {-1.0786, 0.4539, 0.9053};
        double[] referenceCode = {-1.1775, -0.0660, 0.4061};
        for (int n = 0; n < 3; n++) {
            kum.gradient(t[n], 1.0, th, 0, g);
            assertThat(g[0]).isCloseTo(want[n], within(5e-5));
            assertThat(Math.abs(g[0] - referenceCode[n])).isGreaterThan(0.05);
        }
    }

    @ParameterizedTest
    @EnumSource(KernelFamily.class)
    void shapeGradientsMatchFiniteDifferences(KernelFamily fam) {
        KernelShape sh = fam.shape();
        int k = sh.parameterCount();
        double w = 2.0;
        HawkesGrid grid = HawkesGrid.of(0.05, w);
        for (long seed = 1; seed <= 5; seed++) {
            double[] th = RandomParameters.draw(fam, 1, grid, seed).eta();
            double[] g = new double[k];
            for (double t = 0.013; t < w; t += 0.071) {
                if (fam == KernelFamily.RAISED_COSINE && nearKink(t, th)) {
                    continue;
                }
                sh.gradient(t, w, th, 0, g);
                for (int e = 0; e < k; e++) {
                    double h = 1e-6 * Math.max(1, Math.abs(th[e]));
                    double[] up = th.clone();
                    double[] dn = th.clone();
                    up[e] += h;
                    dn[e] -= h;
                    double fd = (sh.value(t, w, up, 0) - sh.value(t, w, dn, 0)) / (2 * h);
                    assertThat(g[e]).as("%s ∂%s at t=%s θ=%s", fam, sh.parameterName(e), t,
                            java.util.Arrays.toString(th)).isCloseTo(fd, within(1e-5 * Math.max(1, Math.abs(fd))));
                }
            }
        }
    }

    private static boolean nearKink(double t, double[] th) {
        return Math.abs(t - th[0]) < 1e-4 || Math.abs(t - th[0] - 2 * th[1]) < 1e-4;
    }

    @ParameterizedTest
    @EnumSource(KernelFamily.class)
    void gridKernelsAreNormalisedAndTheirDerivativesMatchFiniteDifferences(KernelFamily fam) {
        HawkesGrid grid = HawkesGrid.of(0.1, 1.0);
        int p = 2;
        int k = fam.shape().parameterCount();
        HawkesParameters th = RandomParameters.draw(fam, p, grid, 11);
        DiscreteKernels dk = new DiscreteKernels(fam, grid, p);
        dk.evaluate(p, th.eta(), true);
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double mass = 0;
                for (int tau = 1; tau <= grid.support(); tau++) {
                    mass += grid.delta() * dk.phi(i, j, tau);
                }
                assertThat(mass).isCloseTo(1.0, within(1e-12));
                assertThat(dk.cumulative(i, j, grid.support())).isCloseTo(1.0, within(1e-12));
                for (int e = 0; e < k; e++) {
                    int idx = (i * p + j) * k + e;
                    double h = 1e-6 * Math.max(1, Math.abs(th.eta()[idx]));
                    double[] up = th.eta().clone();
                    double[] dn = th.eta().clone();
                    up[idx] += h;
                    dn[idx] -= h;
                    DiscreteKernels ku = new DiscreteKernels(fam, grid, p);
                    DiscreteKernels kd = new DiscreteKernels(fam, grid, p);
                    ku.evaluate(p, up, false);
                    kd.evaluate(p, dn, false);
                    for (int tau = 1; tau <= grid.support(); tau++) {
                        double fd = (ku.phi(i, j, tau) - kd.phi(i, j, tau)) / (2 * h);
                        assertThat(dk.dphi(i, j, e, tau)).isCloseTo(fd, within(1e-5 * Math.max(1, Math.abs(fd))));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(KernelFamily.class)
    void lossGradientMatchesFiniteDifferences(KernelFamily fam) {
        int p = 2;
        HawkesGrid grid = HawkesGrid.of(0.1, 1.0);
        List<long[]> ev = new ArrayList<>(StreamingStatisticsTest.randomEvents(21));
        ev.removeIf(e -> e[0] >= p);
        HawkesSufficientStats s = new HawkesSufficientStats(p, grid.support(), 0, 0.995);
        for (long[] e : ev) {
            s.add((int) e[0], e[1]);
        }
        FadinStatistics st = s.snapshot(s.newestBin() + 3, grid.delta());
        HawkesParameters th = RandomParameters.draw(fam, p, grid, 5);
        FadinLoss loss = new FadinLoss(fam, grid);
        loss.prepare(th, st, true);
        int k = fam.shape().parameterCount();
        double[] gMu = new double[p];
        double[] gAl = new double[p * p];
        double[] gEta = new double[p * p * k];
        loss.gradient(th, st, gMu, gAl, gEta);
        checkFd(loss, th, st, th.mu(), gMu, fam + " μ");
        checkFd(loss, th, st, th.alpha(), gAl, fam + " α");
        checkFd(loss, th, st, th.eta(), gEta, fam + " η");
    }

    private static void checkFd(FadinLoss loss, HawkesParameters th, FadinStatistics st, double[] x, double[] g, String what) {
        for (int n = 0; n < x.length; n++) {
            double keep = x[n];
            double h = 1e-6 * Math.max(1, Math.abs(keep));
            x[n] = keep + h;
            loss.prepare(th, st, false);
            double up = loss.value(th, st);
            x[n] = keep - h;
            loss.prepare(th, st, false);
            double dn = loss.value(th, st);
            x[n] = keep;
            double fd = (up - dn) / (2 * h);
            assertThat(g[n]).as("%s[%d]", what, n).isCloseTo(fd, within(1e-6 * Math.max(1, Math.abs(fd))));
        }
        loss.prepare(th, st, true);
    }
}
