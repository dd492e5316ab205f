package io.witness.operators.compute.cpu;

/**
 * The double-precision micro-kernel. B is packed once per call, block by block, coordinate-major
 * ({@code panel[b·d + k][j]} = coordinate k of point {@code b·COLS + j}), so that the inner loop runs
 * over j with a broadcast coordinate of four A rows: one load of B feeds four FMAs, and C2 turns the loop
 * into AVX FMAs.
 */
final class DoubleRowKernel implements RowKernel {

    private final double[] a;
    private final int d;
    private final int m;
    private final DistanceForm form;
    private final Profile profile;
    private final double[][] panel;
    private final double[][] norms;

    /** @param profile null for {@link DistanceForm#DOT} (raw dot products) */
    DoubleRowKernel(double[] a, int n, double[] b, int m, int d, DistanceForm form, Profile profile) {
        this.a = a;
        this.d = d;
        this.m = m;
        this.form = form;
        this.profile = profile;
        int blocks = Blocking.blocks(m);
        this.panel = new double[blocks * d][];
        this.norms = form == DistanceForm.DOT_NORMS ? new double[blocks][] : null;
        for (int blk = 0; blk < blocks; blk++) {
            int w = Blocking.width(m, blk);
            int start = blk * Blocking.COLS;
            for (int k = 0; k < d; k++) {
                double[] row = new double[w];
                for (int j = 0; j < w; j++) {
                    row[j] = b[(start + j) * d + k];
                }
                panel[blk * d + k] = row;
            }
            if (norms != null) {
                double[] nb = new double[w];
                for (int j = 0; j < w; j++) {
                    nb[j] = squaredNorm(b, (start + j) * d, d);
                }
                norms[blk] = nb;
            }
        }
    }

    /** ‖x‖² summed in one fixed order, the same for A and B, so that k(a, b) = k(b, a) bit for bit. */
    static double squaredNorm(double[] x, int off, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            s = Math.fma(x[off + k], x[off + k], s);
        }
        return s;
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
        int w = width(b);
        double[][] dist = scratch.dist;
        double[] r0 = dist[0];
        double[] r1 = dist[1];
        double[] r2 = dist[2];
        double[] r3 = dist[3];
        // a short group repeats its last row: the micro-kernel always has four rows to work on
        int o0 = i * d;
        int o1 = Math.min(i + 1, i + rows - 1) * d;
        int o2 = Math.min(i + 2, i + rows - 1) * d;
        int o3 = Math.min(i + 3, i + rows - 1) * d;
        for (int j = 0; j < w; j++) {
            r0[j] = 0;
            r1[j] = 0;
            r2[j] = 0;
            r3[j] = 0;
        }
        int base = b * d;
        switch (form) {
            case DOT, DOT_NORMS -> {
                for (int k = 0; k < d; k++) {
                    double a0 = a[o0 + k];
                    double a1 = a[o1 + k];
                    double a2 = a[o2 + k];
                    double a3 = a[o3 + k];
                    double[] p = panel[base + k];
                    for (int j = 0; j < w; j++) {
                        double v = p[j];
                        r0[j] = Math.fma(a0, v, r0[j]);
                        r1[j] = Math.fma(a1, v, r1[j]);
                        r2[j] = Math.fma(a2, v, r2[j]);
                        r3[j] = Math.fma(a3, v, r3[j]);
                    }
                }
            }
            case SQUARED_DIFFERENCES -> {
                for (int k = 0; k < d; k++) {
                    double a0 = a[o0 + k];
                    double a1 = a[o1 + k];
                    double a2 = a[o2 + k];
                    double a3 = a[o3 + k];
                    double[] p = panel[base + k];
                    for (int j = 0; j < w; j++) {
                        double v = p[j];
                        double e0 = a0 - v;
                        double e1 = a1 - v;
                        double e2 = a2 - v;
                        double e3 = a3 - v;
                        r0[j] = Math.fma(e0, e0, r0[j]);
                        r1[j] = Math.fma(e1, e1, r1[j]);
                        r2[j] = Math.fma(e2, e2, r2[j]);
                        r3[j] = Math.fma(e3, e3, r3[j]);
                    }
                }
            }
            case MANHATTAN -> {
                for (int k = 0; k < d; k++) {
                    double a0 = a[o0 + k];
                    double a1 = a[o1 + k];
                    double a2 = a[o2 + k];
                    double a3 = a[o3 + k];
                    double[] p = panel[base + k];
                    for (int j = 0; j < w; j++) {
                        double v = p[j];
                        r0[j] += Math.abs(a0 - v);
                        r1[j] += Math.abs(a1 - v);
                        r2[j] += Math.abs(a2 - v);
                        r3[j] += Math.abs(a3 - v);
                    }
                }
            }
            default -> throw new IllegalStateException("unhandled form " + form);
        }
        for (int r = 0; r < rows; r++) {
            double[] s = dist[r];
            if (form == DistanceForm.DOT) {
                System.arraycopy(s, 0, out[r], 0, w);
                continue;
            }
            if (form == DistanceForm.DOT_NORMS) {
                double na = squaredNorm(a, (i + r) * d, d);
                double[] nb = norms[b];
                for (int j = 0; j < w; j++) {
                    s[j] = Math.max(0.0, (na + nb[j]) - 2.0 * s[j]);
                }
            }
            profile.apply(s, out[r], w);
        }
    }
}
