package io.witness.operators.hawkes.recovery;

import io.witness.operators.hawkes.FadinSolver;
import io.witness.operators.hawkes.HawkesGrid;
import io.witness.operators.hawkes.HawkesParameters;
import io.witness.operators.hawkes.HawkesSufficientStats;
import io.witness.operators.hawkes.KernelFamily;
import io.witness.operators.hawkes.RmspropFadinSolver;
import io.witness.operators.hawkes.FadinStatistics;
import io.witness.operators.hawkes.sim.ClusterSimulator;
import io.witness.operators.hawkes.sim.Events;
import io.witness.operators.hawkes.sim.ShapeKernel;
import io.witness.operators.hawkes.sim.SimulatedProcess;

import java.util.Arrays;

/**
 * The recovery experiment of spec §A.6 (FaDIn Fig. 1, TG): univariate truth μ = 0.1, α = 0.8, m = 0.5,
 * σ = 0.3, W = 1, cluster simulation with a 10 W burn-in; grid Δ; fit from (μ, α, m, σ) = (0.5, 0.5,
 * 0.3, 0.2); error = ℓ2 norm of the (μ, α, m, σ) error. Spec (5 seeds, RMSprop lr 1e−3, 2000
 * iterations, Δ = 0.1): median error 0.067, 0.028, 0.013 at T = 10³, 10⁴, 10⁵.
 */
public final class RecoveryExperiment {
    public static final double[] TRUTH = {0.1, 0.8, 0.5, 0.3};
    static final double[] INIT = {0.5, 0.5, 0.3, 0.2};

    public enum Solver { RMSPROP, BLOCK }

    /** One run's estimate and error. */
    public record Run(long seed, int events, double[] estimate, double error, int iterations) {
    }

    private RecoveryExperiment() {
    }

    public static Events simulate(double horizon, long seed) {
        SimulatedProcess proc = new SimulatedProcess(new double[]{TRUTH[0]}, new double[][]{{TRUTH[1]}},
                SimulatedProcess.uniform(1, new ShapeKernel(KernelFamily.TRUNCATED_GAUSSIAN, 1.0, TRUTH[2], TRUTH[3])));
        return ClusterSimulator.simulate(proc, horizon, 10, seed);
    }

    /** Statistics of the record [0, T] on the grid (bins by rounding, the record starting at bin 0). */
    public static FadinStatistics statistics(Events ev, double horizon, HawkesGrid grid) {
        HawkesSufficientStats s = new HawkesSufficientStats(1, grid.support(), 0, 1.0);
        for (double t : ev.times()) {
            s.add(0, (long) Math.rint(t / grid.delta()));
        }
        s.extendStart(0);
        return s.snapshot((long) Math.rint(horizon / grid.delta()), grid.delta());
    }

    public static Run run(double horizon, double delta, long seed, Solver solver, int iterations) {
        Events ev = simulate(horizon, seed);
        HawkesGrid grid = HawkesGrid.of(delta, 1.0);
        FadinStatistics st = statistics(ev, horizon, grid);
        HawkesParameters th = new HawkesParameters(KernelFamily.TRUNCATED_GAUSSIAN, new double[]{INIT[0]},
                new double[]{INIT[1]}, new double[]{INIT[2], INIT[3]});
        int its;
        if (solver == Solver.RMSPROP) {
            its = new RmspropFadinSolver(KernelFamily.TRUNCATED_GAUSSIAN, grid, 1e-3, 1e-4).fit(th, st, iterations);
        } else {
            new FadinSolver(KernelFamily.TRUNCATED_GAUSSIAN, grid, 1e-2).refit(th, new double[2], st, iterations);
            its = iterations;
        }
        double[] est = {th.mu()[0], th.alpha()[0], th.eta()[0], th.eta()[1]};
        double e = 0;
        for (int n = 0; n < 4; n++) {
            e += (est[n] - TRUTH[n]) * (est[n] - TRUTH[n]);
        }
        return new Run(seed, ev.size(), est, Math.sqrt(e), its);
    }

    public static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    public static void main(String[] args) {
        double horizon = Double.parseDouble(args[0]);
        int seeds = Integer.parseInt(args[1]);
        Solver solver = Solver.valueOf(args[2]);
        int iterations = Integer.parseInt(args[3]);
        double delta = args.length > 4 ? Double.parseDouble(args[4]) : 0.1;
        double[] errs = new double[seeds];
        double[] mean = new double[4];
        long t0 = System.nanoTime();
        for (int s = 0; s < seeds; s++) {
            Run r = run(horizon, delta, s + 1, solver, iterations);
            errs[s] = r.error();
            for (int n = 0; n < 4; n++) {
                mean[n] += r.estimate()[n] / seeds;
            }
            System.out.println(r.seed() + " events " + r.events() + " est " + Arrays.toString(r.estimate()) + " err " + r.error() + " its " + r.iterations());
        }
        System.out.printf("T=%s %s: median error %.4f, mean estimate %s, %.1f s%n", horizon, solver, median(errs),
                Arrays.toString(mean), (System.nanoTime() - t0) / 1e9);
    }
}
