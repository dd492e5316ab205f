package io.witness.operators.bandit;

import io.witness.operators.kernel.Kernel;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The exact GP posterior over the observations it holds (spec online-methods.md §B.4):
 * {@code μ(x) = k_n(x)ᵀ K_λ⁻¹ y = cᵀa}, {@code σ²(x) = k(x,x) − cᵀc} with {@code c = L⁻¹k_n(x)},
 * {@code a = L⁻¹y}, {@code L Lᵀ = K_n + λI}. Observations are appended by rank-1 Cholesky growth, their
 * y slot can be overwritten (a placeholder replaced by the real reward, §B.4 "delays in a stream"), and
 * any observation can be deleted (sliding window, expiry); each costs O(n²) and keeps {@code a} exact.
 * Every observation carries a ticket (a play number) so a late reward finds its slot after deletions.
 * Not thread-safe.
 */
public final class ExactGp {
    private final Kernel kernel;
    private final int dim;
    private final double lambda;
    private GrowingCholesky chol = new GrowingCholesky();
    private double[] xs = new double[0];
    private double[] ys = new double[0];
    private double[] as = new double[0];
    private long[] tickets = new long[0];

    /** @param lambda the regulariser added to the diagonal (noise variance for GP-UCB, 1 + 2/T for IGP-UCB) */
    public ExactGp(Kernel kernel, int dim, double lambda) {
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("lambda must be > 0, got " + lambda);
        }
        this.kernel = kernel;
        this.dim = dim;
        this.lambda = lambda;
    }

    public int size() {
        return chol.size();
    }

    public double lambda() {
        return lambda;
    }

    /** The posterior at x: mean, variance, and {@code c = L⁻¹k_n(x)} for a following {@link #add}. */
    public Posterior posterior(double[] x, int off) {
        int n = size();
        double[] k = new double[n];
        for (int i = 0; i < n; i++) {
            k[i] = kernel.value(xs, i * dim, x, off, dim);
        }
        double[] c = chol.solve(k);
        double mean = 0;
        double cc = 0;
        for (int i = 0; i < n; i++) {
            mean += c[i] * as[i];
            cc += c[i] * c[i];
        }
        double kxx = kernel.value(x, off, x, off, dim);
        return new Posterior(mean, Math.max(0.0, kxx - cc), c, kxx);
    }

    /**
     * Appends observation (x, y) with a ticket; returns its slot. {@code d = sqrt(k(x,x) + λ − cᵀc)}
     * is at least √λ in exact arithmetic; rounding can only push cᵀc above k(x,x) by an ulp, so d is
     * floored at √λ·1e-8 to keep the factor finite.
     *
     * @return {@code ln(d/√λ)}, this observation's share of the information gain γ (IGP-UCB, §B.4)
     */
    public double add(double[] x, int off, double y, long ticket) {
        return add(posterior(x, off), x, off, y, ticket);
    }

    /** {@link #add} with the posterior at x already computed (saves the O(n²) solve). */
    public double add(Posterior p, double[] x, int off, double y, long ticket) {
        int n = size();
        double cc = 0;
        double ca = 0;
        for (int i = 0; i < n; i++) {
            cc += p.c[i] * p.c[i];
            ca += p.c[i] * as[i];
        }
        double d = Math.sqrt(Math.max(p.kxx + lambda - cc, lambda * 1e-16));
        chol.append(p.c, d);
        grow(n + 1);
        System.arraycopy(x, off, xs, n * dim, dim);
        ys[n] = y;
        as[n] = (y - ca) / d;
        tickets[n] = ticket;
        return Math.log(d / Math.sqrt(lambda));
    }

    /** Overwrites the y of {@code slot} and updates {@code a} from there on (O((n − slot)·n)). */
    public void setY(int slot, double y) {
        ys[slot] = y;
        chol.resolveFrom(ys, as, slot);
    }

    /** Deletes the observation in {@code slot} (O(n²)). */
    public void remove(int slot) {
        int n = size();
        chol.remove(slot);
        System.arraycopy(xs, (slot + 1) * dim, xs, slot * dim, (n - slot - 1) * dim);
        System.arraycopy(ys, slot + 1, ys, slot, n - slot - 1);
        System.arraycopy(as, slot + 1, as, slot, n - slot - 1);
        System.arraycopy(tickets, slot + 1, tickets, slot, n - slot - 1);
        chol.resolveFrom(ys, as, slot);
    }

    /** The slot holding {@code ticket}, or −1 when it is gone (evicted or expired). */
    public int slotOf(long ticket) {
        // tickets are increasing in slot order: deletions keep the order, appends use fresh play numbers
        int i = Arrays.binarySearch(tickets, 0, size(), ticket);
        return i >= 0 ? i : -1;
    }

    public double y(int slot) {
        return ys[slot];
    }

    /** {@code γ = ½ ln det(I + λ⁻¹K_n) = Σ ln L_ii − (n/2) ln λ}: IGP-UCB's information gain, exact after deletions too. */
    public double informationGain() {
        return chol.sumLogDiagonal() - 0.5 * size() * Math.log(lambda);
    }

    private void grow(int n) {
        if (ys.length < n) {
            int cap = Math.max(8, 2 * ys.length);
            xs = Arrays.copyOf(xs, cap * dim);
            ys = Arrays.copyOf(ys, cap);
            as = Arrays.copyOf(as, cap);
            tickets = Arrays.copyOf(tickets, cap);
        }
    }

    /** Bytes {@link #write} writes: the triangle, the inputs, y, a and the tickets. */
    public int stateBytes() {
        int n = size();
        return chol.stateBytes() + 8 * n * (dim + 3);
    }

    public void write(DataOutput out) throws IOException {
        chol.write(out);
        int n = size();
        StateOutput.writeDoubles(out, xs, 0, n * dim);
        StateOutput.writeDoubles(out, ys, 0, n);
        StateOutput.writeDoubles(out, as, 0, n);
        for (int i = 0; i < n; i++) {
            out.writeLong(tickets[i]);
        }
    }

    public static ExactGp read(DataInput in, Kernel kernel, int dim, double lambda, int maxSize) throws IOException {
        ExactGp gp = new ExactGp(kernel, dim, lambda);
        gp.chol = GrowingCholesky.read(in, maxSize);
        int n = gp.chol.size();
        gp.xs = new double[Math.max(1, n) * dim];
        gp.ys = new double[n];
        gp.as = new double[n];
        gp.tickets = new long[n];
        StateInput.readDoubles(in, gp.xs, 0, n * dim);
        StateInput.readDoubles(in, gp.ys, 0, n);
        StateInput.readDoubles(in, gp.as, 0, n);
        for (int i = 0; i < n; i++) {
            gp.tickets[i] = in.readLong();
        }
        return gp;
    }

    /** The posterior at one point. {@code c} and {@code kxx} are kept for {@link #add(Posterior, double[], int, double, long)}. */
    public record Posterior(double mean, double variance, double[] c, double kxx) {
        public double sd() {
            return Math.sqrt(variance);
        }
    }
}
