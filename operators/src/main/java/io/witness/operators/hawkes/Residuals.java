package io.witness.operators.hawkes;

import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Time-rescaling residuals of the fitted model, out of sample (spec §A.8): the compensator
 * {@code Λ_i} of every fitted type is integrated, under the parameters of the latest refit, from one
 * event to the next; at a type-i event the increment since the previous type-i event is a rescaled gap
 * {@code τ}, Exp(1) under a correct model, kept as {@code u = 1 − e^{−τ}} in a window of bounded size.
 *
 * <p>The intensity is the grid's: on the bin {@code [sΔ − Δ/2, sΔ + Δ/2)} it is constant,
 * {@code μ_i + Σ_j α_ij Σ_τ φ_ij[τ] z_j[s−τ]}, and it is integrated over real (millisecond) event times,
 * so that two events in one bin still get a positive gap. The excitation of a type-j event in bin r
 * integrates to {@code F(t) = Δ Σ_{τ<k} φ[τ] + frac·Δ·φ[k]} up to time t in bin {@code r + k}. Only
 * bins within W of the previous event contribute: O(p²·(L + late bins)) per event. Events that arrive
 * out of order are counted in the statistics but give no gap (their excitation enters later
 * increments only). Types first seen after the latest refit give no gaps until the next one.
 *
 * <p>Since the latest refit it also counts, per fitted type, the in-order events and their expected
 * number (the compensator's increase): the surge test compares the two ({@link #surges}).
 */
final class Residuals {
    private final int window;
    private final long binMillis;
    private final long half;
    private int p;
    private int fitted;
    private long time = Long.MIN_VALUE;
    private double[] running;
    private boolean[] seen;
    private double[] expected;
    private long[] observed;
    private final double[] u;
    private int count;
    private int next;

    Residuals(int window, long binMillis, int p) {
        this.window = window;
        this.binMillis = binMillis;
        this.half = binMillis / 2;
        this.p = p;
        this.running = new double[p];
        this.seen = new boolean[p];
        this.expected = new double[p];
        this.observed = new long[p];
        this.u = new double[window];
    }

    void addDimension() {
        p++;
        running = Arrays.copyOf(running, p);
        seen = Arrays.copyOf(seen, p);
        expected = Arrays.copyOf(expected, p);
        observed = Arrays.copyOf(observed, p);
    }

    /** Starts (or restarts, after a refit) the compensator of the first {@code fittedTypes} types at {@code now}. */
    void restart(long now, int fittedTypes) {
        if (time == Long.MIN_VALUE) {
            time = now;
        }
        // types fitted for the first time start their gap at their next event
        for (int i = fitted; i < fittedTypes; i++) {
            running[i] = 0;
            seen[i] = false;
        }
        fitted = fittedTypes;
        Arrays.fill(expected, 0.0);
        Arrays.fill(observed, 0L);
    }

    boolean active() {
        return time != Long.MIN_VALUE;
    }

    long bin(long t) {
        return Math.floorDiv(t + half, binMillis);
    }

    /**
     * Before counting an event of type d at time t: integrates every fitted compensator up to t and, for
     * an in-order event of a fitted type, records its rescaled gap.
     */
    void beforeEvent(long t, int d, HawkesSufficientStats stats, HawkesParameters theta, DiscreteKernels kernels,
                     EdgeChangeTest edges) {
        if (!active() || t < time) {
            return;
        }
        boolean betting = edges.betting();
        integrate(time, t, stats, theta, kernels, betting ? edges : null);
        time = t;
        if (d < fitted) {
            if (betting) {
                betOnEvent(t, d, stats, theta, kernels, edges);
            }
            observed[d]++;
            if (seen[d] && window > 0) {
                u[next] = -Math.expm1(-running[d]);
                next = (next + 1) % window;
                count = Math.min(count + 1, window);
            }
            running[d] = 0;
            seen[d] = true;
        }
    }

    /** The edge test's factor at an in-order type-d event: its excitation per unit α from each type. */
    private void betOnEvent(long t, int d, HawkesSufficientStats stats, HawkesParameters theta, DiscreteKernels kernels,
                            EdgeChangeTest edges) {
        int l = stats.support();
        long s = bin(t);
        double[] g = new double[fitted];
        for (int j = 0; j < fitted; j++) {
            double v = 0;
            for (int k = 1; k <= l; k++) {
                int z = stats.count(j, s - k);
                if (z != 0) {
                    v += z * kernels.phi(d, j, k);
                }
            }
            g[j] = v;
        }
        edges.onEvent(d, g, fitted);
    }

    private void integrate(long x, long y, HawkesSufficientStats stats, HawkesParameters theta, DiscreteKernels kernels,
                           EdgeChangeTest edges) {
        if (y == x) {
            return;
        }
        int q = theta.dimension();
        double[] mu = theta.mu();
        double[] al = theta.alpha();
        double seconds = (y - x) / 1000.0;
        double[] before = running.clone();
        for (int i = 0; i < fitted; i++) {
            running[i] += mu[i] * seconds;
        }
        long newest = stats.newestBin();
        int l = stats.support();
        long oldest = Math.max(bin(x) - l, newest - l - stats.lateBins());
        double delta = binMillis / 1000.0;
        for (long r = oldest; r <= newest; r++) {
            for (int j = 0; j < fitted; j++) {
                int z = stats.count(j, r);
                if (z == 0) {
                    continue;
                }
                for (int i = 0; i < fitted; i++) {
                    double a = al[i * q + j];
                    if (a != 0 || edges != null) {
                        double f = z * (excitation(y, r, i, j, kernels, l, delta) - excitation(x, r, i, j, kernels, l, delta));
                        running[i] += a * f;
                        if (edges != null) {
                            edges.addExcitation(i, j, f);
                        }
                    }
                }
            }
        }
        for (int i = 0; i < fitted; i++) {
            expected[i] += running[i] - before[i];
        }
    }

    /** ∫ of the (i ← j) step kernel of an event in bin r, from −∞ to t. */
    private double excitation(long t, long r, int i, int j, DiscreteKernels kernels, int l, double delta) {
        long s = bin(t);
        long k = s - r;
        double frac = (t - (s * binMillis - half)) / (double) binMillis;
        double step = k >= 1 && k <= l ? kernels.phi(i, j, (int) k) : 0.0;
        return kernels.cumulative(i, j, k - 1) + frac * delta * step;
    }

    /** In-order events of type i since the latest refit. */
    long observed(int i) {
        return observed[i];
    }

    /** Their expected number under the latest fit given the history: the compensator's increase. */
    double expected(int i) {
        return expected[i];
    }

    /**
     * Fitted types with significantly more events since the latest refit than the fit expected from its
     * baseline and the excitation of the events seen: at least {@code minEvents} of them, at least
     * {@code factor} times the expected number, and a Poisson upper-tail p-value {@code P(N ≥ n | Λ)}
     * below α.
     */
    java.util.List<Integer> surges(double factor, int minEvents, double alpha) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < fitted; i++) {
            long n = observed[i];
            double lam = expected[i];
            if (n >= minEvents && n >= factor * lam && poissonUpperTail(n, lam) < alpha) {
                out.add(i);
            }
        }
        return out;
    }

    /** P(N ≥ n) for N ~ Poisson(λ); 0 when λ = 0 and n ≥ 1. */
    static double poissonUpperTail(long n, double lambda) {
        if (n <= 0) {
            return 1.0;
        }
        if (!(lambda > 0)) {
            return 0.0;
        }
        return org.apache.commons.statistics.distribution.PoissonDistribution.of(lambda)
                .survivalProbability((int) Math.min(Integer.MAX_VALUE, n - 1));
    }

    /** Gaps collected since the last drain (up to the window size). */
    int pending() {
        return count;
    }

    /** The window's uniforms {@code u} (oldest first) once it is full, or null; a full window is emptied. */
    double[] drainIfFull() {
        if (window == 0 || count < window) {
            return null;
        }
        double[] out = new double[count];
        for (int n = 0; n < count; n++) {
            out[n] = u[(next - count + n + window) % window];
        }
        count = 0;
        next = 0;
        return out;
    }

    int stateBytes() {
        return 8 + 2 + 8 * p + p + 16 * p + 4 + 8 * count;
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(time);
        out.writeShort(fitted);
        StateOutput.writeDoubles(out, running, 0, p);
        for (boolean b : seen) {
            out.writeBoolean(b);
        }
        StateOutput.writeDoubles(out, expected, 0, p);
        for (long n : observed) {
            out.writeLong(n);
        }
        out.writeInt(count);
        for (int n = 0; n < count; n++) {
            out.writeDouble(u[(next - count + n + window) % window]);
        }
    }

    void read(DataInput in) throws IOException {
        time = in.readLong();
        fitted = in.readShort();
        if (fitted < 0 || fitted > p) {
            throw new IOException("Hawkes residuals fitted for " + fitted + " of " + p + " types");
        }
        StateInput.readDoubles(in, running, 0, p);
        for (int i = 0; i < p; i++) {
            seen[i] = in.readBoolean();
        }
        StateInput.readDoubles(in, expected, 0, p);
        for (int i = 0; i < p; i++) {
            observed[i] = in.readLong();
        }
        int c = in.readInt();
        if (c < 0 || c > window) {
            throw new IOException("Hawkes residual window holds " + c + " gaps; this monitor keeps at most " + window);
        }
        for (int n = 0; n < c; n++) {
            u[n] = in.readDouble();
        }
        count = c;
        next = c % Math.max(window, 1);
    }
}
