package io.witness.operators.hawkes;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The FaDIn sufficient statistics of one stream, maintained per event in O(p·L) (spec §A.4, §A.9) with
 * bounded memory: a ring buffer of the last {@code L + 1 + lateBins} bins of counts, the weighted
 * totals {@code N_i}, and the signed-lag cross-counts
 * {@code C_jk[d] = Σ_r z_j[r]·z_k[r+d]}, {@code d = 0..L}, for every ordered pair {@code (j, k)} —
 * "j, then k d bins later". Signed lags matter (pitfall §F.1): {@code C_jk ≠ C_kj} exactly when there is
 * directed excitation. The lagged cross-counts of §A.4 are the same numbers,
 * {@code Φ^{(i)}_j[τ] = C_ji[τ]}, and the Gram terms {@code Ψ} follow from {@code C} plus an exact
 * border correction from the ring buffer ({@link FadinStatistics}).
 *
 * <p><b>Each pair is counted once, when its later event arrives</b>, also for out-of-order events
 * within {@code lateBins} of the newest bin: a late event adds its pairs with the earlier bins and with
 * the later bins already seen, and its same-bin products. The result equals the batch statistics of
 * the same events exactly (integers in doubles) whatever the arrival order.
 *
 * <p><b>Forgetting</b> (§A.9(a)): with {@code γ < 1} per bin, everything that the contrast sums over
 * "now" bins is weighted by {@code γ^{G−s}} at the end bin G: {@code N_i} by the event's bin, a pair by
 * its later event's bin, and {@link FadinStatistics} applies the exact {@code γ^{−min(τ,τ')}} factors, so
 * the loss is exactly the γ-weighted discretised ℓ2 contrast. Weights are kept relative to a base bin
 * ({@code γ^{−(s−base)}}) and rebased when they grow past {@code e^{200}}, so an event costs O(p·L), not
 * O(p²·L).
 *
 * <p>Memory: {@code 4·p·(L+1+lateBins)} bytes of counts + {@code 8·p²·(L+1)} of cross-counts +
 * {@code 8·p} of totals. Dimensions grow with {@link #addDimension()} (new event types).
 */
public final class HawkesSufficientStats {
    private static final double REBASE_EXPONENT = 200.0;

    private final int l;
    private final int l1;
    private final int lateBins;
    private final int cap;
    private final double lambda;
    private int p;
    private int[] ring;
    private double[] c;
    private double[] n;
    private long newest = Long.MIN_VALUE;
    private long first;
    private long base;
    private long events;

    /**
     * @param p        initial number of types (may be 0)
     * @param support  L, kernel support in bins
     * @param lateBins how far behind the newest bin an event may land and still be counted exactly
     * @param gamma    per-bin forgetting factor in (0, 1]; 1 = no forgetting
     */
    public HawkesSufficientStats(int p, int support, int lateBins, double gamma) {
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("forgetting factor per bin must be in (0, 1], got " + gamma);
        }
        if (lateBins < 0) {
            throw new IllegalArgumentException("lateBins must be >= 0, got " + lateBins);
        }
        this.l = support;
        this.l1 = support + 1;
        this.lateBins = lateBins;
        this.cap = support + 1 + lateBins;
        this.lambda = -Math.log(gamma);
        this.p = p;
        this.ring = new int[p * cap];
        this.c = new double[p * p * l1];
        this.n = new double[p];
    }

    public int dimension() {
        return p;
    }

    public int support() {
        return l;
    }

    public int lateBins() {
        return lateBins;
    }

    /** Events counted. */
    public long events() {
        return events;
    }

    /** Newest bin seen, or {@link Long#MIN_VALUE} before the first event. */
    public long newestBin() {
        return newest;
    }

    /** First bin of the record (the first event's bin, or earlier if a late event landed before it). */
    public long firstBin() {
        return first;
    }

    /**
     * Lets the record start at {@code bin} (at or before the first event): the empty bins in between
     * count in T'. For a batch record that starts at time 0.
     */
    public void extendStart(long bin) {
        if (newest == Long.MIN_VALUE) {
            throw new IllegalStateException("no events counted");
        }
        first = Math.min(first, bin);
    }

    /** Adds a type: its counts start at zero. O(p²·L). */
    public void addDimension() {
        int q = p + 1;
        int[] ring2 = new int[q * cap];
        System.arraycopy(ring, 0, ring2, 0, p * cap);
        double[] c2 = new double[q * q * l1];
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < p; k++) {
                System.arraycopy(c, (j * p + k) * l1, c2, (j * q + k) * l1, l1);
            }
        }
        ring = ring2;
        c = c2;
        n = Arrays.copyOf(n, q);
        p = q;
    }

    /** True when an event in {@code bin} can still be counted (it is not more than lateBins behind). */
    public boolean accepts(long bin) {
        return newest == Long.MIN_VALUE || bin >= newest - lateBins;
    }

    /**
     * Counts one event of type {@code d} in {@code bin}.
     *
     * @return false (and nothing changes) when the bin is more than {@code lateBins} behind the newest
     */
    public boolean add(int d, long bin) {
        if (d < 0 || d >= p) {
            throw new IllegalArgumentException("type index " + d + " outside 0.." + (p - 1));
        }
        if (newest == Long.MIN_VALUE) {
            newest = bin;
            first = bin;
            base = bin;
        } else if (bin > newest) {
            advance(bin);
        } else if (bin < newest - lateBins) {
            return false;
        }
        first = Math.min(first, bin);
        double us = weight(bin);
        int slot = slot(bin);
        // pairs (earlier bin, this event): the later event is this one
        for (int tau = 1; tau <= l; tau++) {
            int r = slot(bin - tau);
            for (int j = 0; j < p; j++) {
                int z = ring[j * cap + r];
                if (z != 0) {
                    c[(j * p + d) * l1 + tau] += us * z;
                }
            }
        }
        // pairs (this event, later bins already seen): only for an out-of-order event
        long span = Math.min(l, newest - bin);
        for (int tau = 1; tau <= span; tau++) {
            long later = bin + tau;
            int r = slot(later);
            double ul = weight(later);
            for (int k = 0; k < p; k++) {
                int z = ring[k * cap + r];
                if (z != 0) {
                    c[(d * p + k) * l1 + tau] += ul * z;
                }
            }
        }
        // same-bin products C_jk[0] = Σ_r z_j[r] z_k[r]: the increase from z_d[bin] + 1
        for (int k = 0; k < p; k++) {
            int z = ring[k * cap + slot];
            if (k == d) {
                c[(d * p + d) * l1] += us * (2.0 * z + 1.0);
            } else if (z != 0) {
                c[(d * p + k) * l1] += us * z;
                c[(k * p + d) * l1] += us * z;
            }
        }
        ring[d * cap + slot]++;
        n[d] += us;
        events++;
        return true;
    }

    private void advance(long bin) {
        long steps = bin - newest;
        if (steps >= cap) {
            Arrays.fill(ring, 0);
        } else {
            for (long s = newest + 1; s <= bin; s++) {
                int r = slot(s);
                for (int j = 0; j < p; j++) {
                    ring[j * cap + r] = 0;
                }
            }
        }
        newest = bin;
        if (lambda > 0 && lambda * (newest - base) > REBASE_EXPONENT) {
            double f = Math.exp(-lambda * (newest - base));
            for (int i = 0; i < c.length; i++) {
                c[i] *= f;
            }
            for (int i = 0; i < p; i++) {
                n[i] *= f;
            }
            base = newest;
        }
    }

    /** γ^{−(s − base)}: the weight of bin s relative to the base bin. */
    private double weight(long s) {
        return lambda == 0 ? 1.0 : Math.exp(lambda * (s - base));
    }

    private int slot(long bin) {
        return (int) Math.floorMod(bin, (long) cap);
    }

    /** Count of type j in bin s (0 outside the ring's window). */
    public int count(int j, long s) {
        if (newest == Long.MIN_VALUE || s > newest || s <= newest - cap) {
            return 0;
        }
        return ring[j * cap + slot(s)];
    }

    /**
     * The statistics of the record {@code [firstBin, endBin]} (weights relative to endBin), for a refit.
     * O(p²·L).
     *
     * @param endBin G, at least the newest bin
     */
    public FadinStatistics snapshot(long endBin, double delta) {
        if (newest == Long.MIN_VALUE) {
            throw new IllegalStateException("no events counted");
        }
        if (endBin < newest) {
            throw new IllegalArgumentException("end bin " + endBin + " is before the newest bin " + newest);
        }
        double f = lambda == 0 ? 1.0 : Math.exp(-lambda * (endBin - base));
        double[] cw = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            cw[i] = c[i] * f;
        }
        double[] nw = new double[p];
        for (int i = 0; i < p; i++) {
            nw[i] = n[i] * f;
        }
        long bins = endBin - first + 1;
        double tPrime = lambda == 0 ? bins * delta : delta * Math.expm1(-lambda * bins) / Math.expm1(-lambda);
        int[] tail = new int[p * l1];
        for (int j = 0; j < p; j++) {
            for (int m = 0; m <= l; m++) {
                tail[j * l1 + m] = count(j, endBin - m);
            }
        }
        return new FadinStatistics(p, l, delta, Math.exp(-lambda), tPrime, nw, cw, tail);
    }

    /** Bytes {@link #write} writes. */
    public int stateBytes() {
        return 8 + 8 + 8 + 8 + 4 * p * cap + 8 * p * p * l1 + 8 * p;
    }

    /**
     * Writes the counts (the dimension, L, the late window and γ are the caller's: they come from the
     * configuration). Layout: newest, first, base, events (longs); ring p × cap ints (type-major, slot
     * order); C p²(L+1) doubles; N p doubles.
     */
    public void write(DataOutput out) throws IOException {
        out.writeLong(newest);
        out.writeLong(first);
        out.writeLong(base);
        out.writeLong(events);
        for (int v : ring) {
            out.writeInt(v);
        }
        io.witness.operators.monitor.StateOutput.writeDoubles(out, c, 0, c.length);
        io.witness.operators.monitor.StateOutput.writeDoubles(out, n, 0, n.length);
    }

    /** Reads what {@link #write} wrote, for a stats object built with the same p, L, late bins and γ. */
    public void read(DataInput in) throws IOException {
        newest = in.readLong();
        first = in.readLong();
        base = in.readLong();
        events = in.readLong();
        for (int i = 0; i < ring.length; i++) {
            int v = in.readInt();
            if (v < 0) {
                throw new IOException("negative bin count in Hawkes state");
            }
            ring[i] = v;
        }
        io.witness.operators.monitor.StateInput.readDoubles(in, c, 0, c.length);
        io.witness.operators.monitor.StateInput.readDoubles(in, n, 0, n.length);
    }
}
