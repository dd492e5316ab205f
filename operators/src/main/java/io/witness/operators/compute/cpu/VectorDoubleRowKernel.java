package io.witness.operators.compute.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The double-precision micro-kernel on the incubator Vector API (used only when
 * {@link CpuBackend#VECTOR_PROPERTY} is set and the JVM runs with
 * {@code --add-modules jdk.incubator.vector}). Same packing and same sums as {@link DoubleRowKernel},
 * but the 4 × 2-vector tile of sums stays in registers across all d coordinates (the auto-vectorised
 * loop stores and reloads it for every coordinate), and the profile runs on whole vectors with the
 * JDK's vectorised exp/sqrt/pow ({@link VectorProfile}).
 */
final class VectorDoubleRowKernel implements RowKernel {

    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Columns per register tile: two vectors. */
    static final int STEP = 2 * L;

    private final double[] a;
    private final int d;
    private final int m;
    private final DistanceForm form;
    private final VectorProfile profile;
    private final double[][] panel;
    private final double[][] norms;

    VectorDoubleRowKernel(double[] a, double[] b, int m, int d, DistanceForm form, Profile profile) {
        if (Blocking.COLS % STEP != 0) {
            throw new IllegalStateException("block width " + Blocking.COLS + " is not a multiple of " + STEP);
        }
        this.a = a;
        this.d = d;
        this.m = m;
        this.form = form;
        this.profile = profile == null ? null : new VectorProfile(profile);
        int blocks = Blocking.blocks(m);
        this.panel = new double[blocks * d][];
        this.norms = form == DistanceForm.DOT_NORMS ? new double[blocks][] : null;
        for (int blk = 0; blk < blocks; blk++) {
            int w = Blocking.width(m, blk);
            int padded = padded(w);
            int start = blk * Blocking.COLS;
            for (int k = 0; k < d; k++) {
                double[] row = new double[padded];
                for (int j = 0; j < w; j++) {
                    row[j] = b[(start + j) * d + k];
                }
                panel[blk * d + k] = row;
            }
            if (norms != null) {
                double[] nb = new double[padded];
                for (int j = 0; j < w; j++) {
                    nb[j] = DoubleRowKernel.squaredNorm(b, (start + j) * d, d);
                }
                norms[blk] = nb;
            }
        }
    }

    /** A width rounded up to whole register tiles; padding columns are zeros and never reach an output. */
    static int padded(int w) {
        return (w + STEP - 1) / STEP * STEP;
    }

    @Override
    public int blocks() {
        return Blocking.blocks(m);
    }

    @Override
    public int width(int b) {
        return Blocking.width(m, b);
    }

    @Override
    public void compute(int i, int rows, int b, double[][] out, Scratch scratch) {
        int wp = padded(width(b));
        double[][] dist = scratch.dist;
        int o0 = i * d;
        int o1 = Math.min(i + 1, i + rows - 1) * d;
        int o2 = Math.min(i + 2, i + rows - 1) * d;
        int o3 = Math.min(i + 3, i + rows - 1) * d;
        int base = b * d;
        for (int j = 0; j < wp; j += STEP) {
            switch (form) {
                case DOT, DOT_NORMS -> dots(base, j, o0, o1, o2, o3, dist);
                case SQUARED_DIFFERENCES -> squaredDifferences(base, j, o0, o1, o2, o3, dist);
                case MANHATTAN -> manhattan(base, j, o0, o1, o2, o3, dist);
                default -> throw new IllegalStateException("unhandled form " + form);
            }
        }
        for (int r = 0; r < rows; r++) {
            double[] s = dist[r];
            if (form == DistanceForm.DOT) {
                System.arraycopy(s, 0, out[r], 0, wp);
                continue;
            }
            if (form == DistanceForm.DOT_NORMS) {
                VectorProfile.squaredDistances(DoubleRowKernel.squaredNorm(a, (i + r) * d, d), norms[b], s, wp);
            }
            profile.apply(s, out[r], wp);
        }
    }

    private void dots(int base, int j, int o0, int o1, int o2, int o3, double[][] dist) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        for (int k = 0; k < d; k++) {
            double[] p = panel[base + k];
            DoubleVector b0 = DoubleVector.fromArray(S, p, j);
            DoubleVector b1 = DoubleVector.fromArray(S, p, j + L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[o0 + k]);
            DoubleVector a1 = DoubleVector.broadcast(S, a[o1 + k]);
            DoubleVector a2 = DoubleVector.broadcast(S, a[o2 + k]);
            DoubleVector a3 = DoubleVector.broadcast(S, a[o3 + k]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
        }
        store(dist, j, c00, c01, c10, c11, c20, c21, c30, c31);
    }

    private void squaredDifferences(int base, int j, int o0, int o1, int o2, int o3, double[][] dist) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        for (int k = 0; k < d; k++) {
            double[] p = panel[base + k];
            DoubleVector b0 = DoubleVector.fromArray(S, p, j);
            DoubleVector b1 = DoubleVector.fromArray(S, p, j + L);
            DoubleVector e00 = b0.sub(a[o0 + k]);
            DoubleVector e01 = b1.sub(a[o0 + k]);
            DoubleVector e10 = b0.sub(a[o1 + k]);
            DoubleVector e11 = b1.sub(a[o1 + k]);
            DoubleVector e20 = b0.sub(a[o2 + k]);
            DoubleVector e21 = b1.sub(a[o2 + k]);
            DoubleVector e30 = b0.sub(a[o3 + k]);
            DoubleVector e31 = b1.sub(a[o3 + k]);
            c00 = e00.fma(e00, c00);
            c01 = e01.fma(e01, c01);
            c10 = e10.fma(e10, c10);
            c11 = e11.fma(e11, c11);
            c20 = e20.fma(e20, c20);
            c21 = e21.fma(e21, c21);
            c30 = e30.fma(e30, c30);
            c31 = e31.fma(e31, c31);
        }
        store(dist, j, c00, c01, c10, c11, c20, c21, c30, c31);
    }

    private void manhattan(int base, int j, int o0, int o1, int o2, int o3, double[][] dist) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        for (int k = 0; k < d; k++) {
            double[] p = panel[base + k];
            DoubleVector b0 = DoubleVector.fromArray(S, p, j);
            DoubleVector b1 = DoubleVector.fromArray(S, p, j + L);
            c00 = c00.add(b0.sub(a[o0 + k]).abs());
            c01 = c01.add(b1.sub(a[o0 + k]).abs());
            c10 = c10.add(b0.sub(a[o1 + k]).abs());
            c11 = c11.add(b1.sub(a[o1 + k]).abs());
            c20 = c20.add(b0.sub(a[o2 + k]).abs());
            c21 = c21.add(b1.sub(a[o2 + k]).abs());
            c30 = c30.add(b0.sub(a[o3 + k]).abs());
            c31 = c31.add(b1.sub(a[o3 + k]).abs());
        }
        store(dist, j, c00, c01, c10, c11, c20, c21, c30, c31);
    }

    private static void store(double[][] dist, int j, DoubleVector c00, DoubleVector c01, DoubleVector c10,
                              DoubleVector c11, DoubleVector c20, DoubleVector c21, DoubleVector c30, DoubleVector c31) {
        c00.intoArray(dist[0], j);
        c01.intoArray(dist[0], j + L);
        c10.intoArray(dist[1], j);
        c11.intoArray(dist[1], j + L);
        c20.intoArray(dist[2], j);
        c21.intoArray(dist[2], j + L);
        c30.intoArray(dist[3], j);
        c31.intoArray(dist[3], j + L);
    }
}
