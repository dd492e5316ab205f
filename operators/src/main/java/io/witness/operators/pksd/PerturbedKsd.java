package io.witness.operators.pksd;

import io.witness.operators.kernel.BandwidthHeuristics;
import io.witness.operators.kernel.PairwiseDistanceSample;
import io.witness.operators.ksd.KsdBootstrap;
import io.witness.operators.ksd.KsdStatistic;
import io.witness.operators.ksd.ScoreModel;
import io.witness.operators.ksd.SteinGram;
import io.witness.operators.ksd.SteinKernel;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The two perturbed-KSD tests of spec §B.5.3, with the IMQ Stein kernel (c = 1, β = −½) and ℓ² the
 * median squared distance of each (perturbed) sample, U-statistics and the multinomial bootstrap:
 * <ul>
 * <li><b>spKSD</b>: {@code H^sum = Σ_{j=0..J} H(X^(j))}, {@code X^(0) = X}, {@code X^(j)} = X after
 * {@link JumpPerturbation} with jump scale θ_j; Û of the summed matrix, bootstrapped as one matrix (the
 * augmented points are i.i.d., so the sum is a valid degenerate U-kernel).</li>
 * <li><b>ospKSD</b>: a seeded 50/50 split; on the training half pick
 * {@code θ* = argmax ρ(θ)}, {@code ρ = V(H_tr)/√(4Σ_i(Σ_k H_ik)²/n³ − 4(Σ H)²/n⁴ + 1e−12)} with
 * {@code H_tr = H(X_tr) + H(𝒦_θ X_tr)}, diagonals zeroed; test {@code H(X_te) + H(𝒦_θ* X_te)} on the other half.</li>
 * </ul>
 *
 * @param steps  T (T − 1 MH steps per point, as the reference code)
 * @param thetas jump scales θ_j
 * @param draws  bootstrap draws B (0: no bootstrap, see {@link #withoutBootstrap()})
 */
public record PerturbedKsd(int steps, double[] thetas, int draws) {

    /** The spec's 21 jump scales 0.5, 0.55, …, 1.5. */
    public static double[] defaultThetas() {
        double[] t = new double[21];
        for (int i = 0; i < t.length; i++) {
            t[i] = 0.5 + 0.05 * i;
        }
        return t;
    }

    /** What a test concluded; {@code theta} is θ* for ospKSD and NaN for spKSD. */
    public record Result(double statistic, double pValue, double theta, double[] rowSums, double[] coordinateShares,
                         int testedPoints) {
    }

    public Result spksd(double[] x, int n, ScoreModel p, JumpPerturbation jumps, SplittableRandom rng) {
        int d = p.dimension();
        double[] sum = new double[n * n];
        double[] coords = new double[d];
        double[] c = new double[d];
        add(sum, gram(x, n, p, rng, c), coords, c);
        for (double theta : thetas) {
            double[] xj = jumps.perturb(x, n, theta, steps, rng);
            add(sum, gram(xj, n, p, rng, c), coords, c);
        }
        return finish(sum, n, coords, Double.NaN, rng);
    }

    public Result ospksd(double[] x, int n, ScoreModel p, JumpPerturbation jumps, SplittableRandom rng) {
        int d = p.dimension();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int ntr = n / 2;
        int nte = n - ntr;
        double[] train = rows(x, perm, 0, ntr, d);
        double[] test = rows(x, perm, ntr, nte, d);
        double[] c = new double[d];
        double[] base = gram(train, ntr, p, rng, c);
        double bestRho = Double.NEGATIVE_INFINITY;
        double best = thetas[0];
        for (double theta : thetas) {
            double[] h = gram(jumps.perturb(train, ntr, theta, steps, rng), ntr, p, rng, c);
            for (int i = 0; i < h.length; i++) {
                h[i] += base[i];
            }
            for (int i = 0; i < ntr; i++) {
                h[i * ntr + i] = 0;
            }
            double rho = standardised(h, ntr);
            if (rho > bestRho) {
                bestRho = rho;
                best = theta;
            }
        }
        double[] coords = new double[d];
        double[] sum = new double[nte * nte];
        add(sum, gram(test, nte, p, rng, c), coords, c);
        add(sum, gram(jumps.perturb(test, nte, best, steps, rng), nte, p, rng, c), coords, c);
        return finish(sum, nte, coords, best, rng);
    }

    /** The same tests without the bootstrap (p-value NaN), for a caller that calibrates otherwise. */
    public PerturbedKsd withoutBootstrap() {
        return new PerturbedKsd(steps, thetas, 0);
    }

    /** Plain KSD with the same kernel convention (the J = 0 term alone), for comparisons. */
    public Result ksd(double[] x, int n, ScoreModel p, SplittableRandom rng) {
        double[] coords = new double[p.dimension()];
        return finish(gram(x, n, p, rng, coords), n, coords, Double.NaN, rng);
    }

    private Result finish(double[] h, int n, double[] coords, double theta, SplittableRandom rng) {
        double u = KsdStatistic.U.of(h, n);
        double pv = draws == 0 ? Double.NaN
                : KsdBootstrap.pValue(KsdBootstrap.Kind.MULTINOMIAL, KsdStatistic.U, h, n, u, draws, 0, rng);
        double[] rowSums = new double[n];
        for (int i = 0; i < n; i++) {
            double r = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    r += h[i * n + j];
                }
            }
            rowSums[i] = r;
        }
        for (int a = 0; a < coords.length; a++) {
            coords[a] /= (double) n * (n - 1);
        }
        return new Result(u, pv, theta, rowSums, coords, n);
    }

    private static void add(double[] sum, double[] h, double[] coords, double[] c) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += h[i];
        }
        for (int a = 0; a < coords.length; a++) {
            coords[a] += c[a];
        }
    }

    /** IMQ Stein Gram matrix with ℓ² = the sample's median squared distance (pKSD convention, §0.2). */
    static double[] gram(double[] x, int n, ScoreModel p, SplittableRandom rng, double[] coords) {
        int d = p.dimension();
        double ell = BandwidthHeuristics.median(PairwiseDistanceSample.of(x, n, d, rng.nextLong()));
        return SteinGram.matrix(x, p.scores(x, n), n, d, SteinKernel.imq(ell, 1.0, -0.5), coords);
    }

    /** ρ of §B.5.3. */
    static double standardised(double[] h, int n) {
        double total = 0;
        double rowSq = 0;
        for (int i = 0; i < n; i++) {
            double r = 0;
            for (int j = 0; j < n; j++) {
                r += h[i * n + j];
            }
            total += r;
            rowSq += r * r;
        }
        double nn = n;
        double v = total / (nn * nn);
        double var = 4 * rowSq / (nn * nn * nn) - 4 * total * total / (nn * nn * nn * nn);
        return v / Math.sqrt(Math.max(var, 0) + 1e-12);
    }

    private static double[] rows(double[] x, int[] perm, int from, int count, int d) {
        double[] out = new double[count * d];
        for (int i = 0; i < count; i++) {
            System.arraycopy(x, perm[from + i] * d, out, i * d, d);
        }
        return out;
    }

    /** Helper for tests and the monitor: modes from {@code starts} random starts. */
    public static JumpPerturbation perturbationFor(ScoreModel p, int starts, SplittableRandom rng) {
        List<Mode> modes = ModeFinder.find(p, starts, null, 0, rng);
        return new JumpPerturbation(p, modes);
    }
}
