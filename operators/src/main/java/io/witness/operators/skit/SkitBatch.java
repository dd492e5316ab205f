package io.witness.operators.skit;

import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.kernel.RandomFourierFeatures;
import io.witness.operators.monitor.BatchScoring;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.Step;

import java.util.Arrays;
import java.util.List;

/**
 * One micro-batch of an RFF SKIT monitor: the random-feature maps φ(x), ψ(y) of every observation that
 * completes a pair in this batch, over all staged keys, in one {@link ComputeBackend#featureMapRows}
 * call per side, each row at its own key's bandwidth (σ is per key, §0.2). The pair arithmetic that
 * depends on the key's state (payoff against C, the rank-one updates, the bet) stays per key, in order.
 *
 * <p>Rows staged per key: the held half pair (if any), then the new observations, cut to an even
 * count (a trailing half pair's features are not needed until its partner arrives in a later batch).
 * A key still in burn-in stages nothing: its bandwidths do not exist yet, and its update computes what
 * it needs itself — as it does for any pair whose inputs differ from the staged rows.
 *
 * <p>With a backend whose {@code featureMap} is {@link io.witness.operators.kernel.FeatureMap#map}'s
 * arithmetic, the batched path is bit-identical to {@link SkitModel#update} alone.
 */
final class SkitBatch implements BatchScoring.Batch {

    private final ComputeBackend backend;
    private final RandomFourierFeatures fx;
    private final RandomFourierFeatures fy;
    private final int dx;
    private final int dy;

    // ---- staged rows ----
    private int rows;
    private double[] xRows = new double[0];
    private double[] yRows = new double[0];
    private double[] invSigmaX = new double[0];
    private double[] invSigmaY = new double[0];
    private double[] phi = new double[0];
    private double[] psi = new double[0];

    // ---- staged keys: first row, row count, next row to consume ----
    private int keys;
    private int[] first = new int[16];
    private int[] count = new int[16];
    private int[] cursor = new int[16];

    SkitBatch(SkitFactory factory, ComputeBackend backend) {
        this.backend = backend;
        this.fx = factory.featuresX();
        this.fy = factory.featuresY();
        this.dx = factory.parameters().dx();
        this.dy = factory.parameters().dy();
    }

    @Override
    public int stage(Model model, List<double[]> values) {
        SkitModel m = (SkitModel) model;
        int h = newKey();
        first[h] = rows;
        if (fx == null || !m.warm() || !(m.witness() instanceof RandomFeatureWitness w) || w.featuresX() != fx) {
            // exact witness (no features), burn-in (no bandwidths yet), or a key restored with another
            // shape than the configured one (other frequencies): its update computes its own features
            return h;
        }
        int held = m.holdsHalfPair() ? 1 : 0;
        int use = (held + values.size()) / 2 * 2;
        ensureRows(rows + use);
        // the same expression as the witness's own 1/σ, so the same bits
        double isx = 1.0 / m.sigmaX();
        double isy = 1.0 / m.sigmaY();
        for (int i = 0; i < use; i++) {
            double[] v = i < held ? m.heldObservation() : values.get(i - held);
            int r = rows + i;
            System.arraycopy(v, 0, xRows, r * dx, dx);
            System.arraycopy(v, dx, yRows, r * dy, dy);
            invSigmaX[r] = isx;
            invSigmaY[r] = isy;
        }
        count[h] = use;
        cursor[h] = held;
        rows += use;
        return h;
    }

    @Override
    public void compute() {
        if (rows == 0) {
            return;
        }
        int px = fx.length();
        int py = fy.length();
        if (phi.length < rows * px) {
            phi = new double[capacity(rows) * px];
            psi = new double[capacity(rows) * py];
        }
        backend.featureMapRows(fx, invSigmaX, xRows, rows, phi);
        backend.featureMapRows(fy, invSigmaY, yRows, rows, psi);
    }

    @Override
    public Step update(int staged, Model model, long time, double[] values) {
        SkitModel m = (SkitModel) model;
        int c = cursor[staged];
        if (c < count[staged]) {
            if (m.holdsHalfPair() && c >= 1 && m.witness() instanceof RandomFeatureWitness w) {
                // this observation completes the pair (row c-1, row c)
                w.presetFeatures(xRows, yRows, phi, psi, first[staged] + c - 1, first[staged] + c);
            }
            cursor[staged] = c + 1;
        }
        return m.update(time, values);
    }

    @Override
    public void reset() {
        rows = 0;
        keys = 0;
    }

    private int newKey() {
        if (keys == first.length) {
            first = Arrays.copyOf(first, 2 * keys);
            count = Arrays.copyOf(count, 2 * keys);
            cursor = Arrays.copyOf(cursor, 2 * keys);
        }
        count[keys] = 0;
        cursor[keys] = 0;
        return keys++;
    }

    private void ensureRows(int n) {
        if (invSigmaX.length < n) {
            int cap = capacity(n);
            xRows = Arrays.copyOf(xRows, cap * dx);
            yRows = Arrays.copyOf(yRows, cap * dy);
            invSigmaX = Arrays.copyOf(invSigmaX, cap);
            invSigmaY = Arrays.copyOf(invSigmaY, cap);
        }
    }

    private static int capacity(int n) {
        return Math.max(16, Integer.highestOneBit(Math.max(1, n - 1)) << 1);
    }
}
