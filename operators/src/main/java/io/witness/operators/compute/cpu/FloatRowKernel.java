package io.witness.operators.compute.cpu;

/**
 * The single-precision twin of {@link DoubleRowKernel}: the same packing and loops in float (twice the
 * lanes per vector), A's coordinates rounded to float as they are read. The profile is then evaluated in
 * double on the float distances.
 */
final class FloatRowKernel implements RowKernel {

    private final double[] a;
    private final int d;
    private final int m;
    private final DistanceForm form;
    private final Profile profile;
    private final float[][] panel;
    private final float[][] norms;

    /** @param profile null for {@link DistanceForm#DOT} (raw dot products) */
    FloatRowKernel(double[] a, int n, double[] b, int m, int d, DistanceForm form, Profile profile) {
        this.a = a;
        this.d = d;
        this.m = m;
        this.form = form;
        this.profile = profile;
        int blocks = Blocking.blocks(m);
        this.panel = new float[blocks * d][];
        this.norms = form == DistanceForm.DOT_NORMS ? new float[blocks][] : null;
        for (int blk = 0; blk < blocks; blk++) {
            int w = Blocking.width(m, blk);
            int start = blk * Blocking.COLS;
            for (int k = 0; k < d; k++) {
                float[] row = new float[w];
                for (int j = 0; j < w; j++) {
                    row[j] = (float) b[(start + j) * d + k];
                }
                panel[blk * d + k] = row;
            }
            if (norms != null) {
                float[] nb = new float[w];
                for (int j = 0; j < w; j++) {
                    nb[j] = squaredNorm(b, (start + j) * d, d);
                }
                norms[blk] = nb;
            }
        }
    }

    /** ‖x‖² summed in one fixed order, the same for A and B, so that k(a, b) = k(b, a) bit for bit. */
    static float squaredNorm(double[] x, int off, int d) {
        float s = 0;
        for (int k = 0; k < d; k++) {
            float v = (float) x[off + k];
            s = Math.fma(v, v, s);
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
        float[][] dist = scratch.fdist;
        float[] r0 = dist[0];
        float[] r1 = dist[1];
        float[] r2 = dist[2];
        float[] r3 = dist[3];
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
                    float a0 = (float) a[o0 + k];
                    float a1 = (float) a[o1 + k];
                    float a2 = (float) a[o2 + k];
                    float a3 = (float) a[o3 + k];
                    float[] p = panel[base + k];
                    for (int j = 0; j < w; j++) {
                        float v = p[j];
                        r0[j] = Math.fma(a0, v, r0[j]);
                        r1[j] = Math.fma(a1, v, r1[j]);
                        r2[j] = Math.fma(a2, v, r2[j]);
                        r3[j] = Math.fma(a3, v, r3[j]);
                    }
                }
            }
            case SQUARED_DIFFERENCES -> {
                for (int k = 0; k < d; k++) {
                    float a0 = (float) a[o0 + k];
                    float a1 = (float) a[o1 + k];
                    float a2 = (float) a[o2 + k];
                    float a3 = (float) a[o3 + k];
                    float[] p = panel[base + k];
                    for (int j = 0; j < w; j++) {
                        float v = p[j];
                        float e0 = a0 - v;
                        float e1 = a1 - v;
                        float e2 = a2 - v;
                        float e3 = a3 - v;
                        r0[j] = Math.fma(e0, e0, r0[j]);
                        r1[j] = Math.fma(e1, e1, r1[j]);
                        r2[j] = Math.fma(e2, e2, r2[j]);
                        r3[j] = Math.fma(e3, e3, r3[j]);
                    }
                }
            }
            case MANHATTAN -> {
                for (int k = 0; k < d; k++) {
                    float a0 = (float) a[o0 + k];
                    float a1 = (float) a[o1 + k];
                    float a2 = (float) a[o2 + k];
                    float a3 = (float) a[o3 + k];
                    float[] p = panel[base + k];
                    for (int j = 0; j < w; j++) {
                        float v = p[j];
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
            float[] s = dist[r];
            if (form == DistanceForm.DOT) {
                double[] o = out[r];
                for (int j = 0; j < w; j++) {
                    o[j] = s[j];
                }
                continue;
            }
            if (form == DistanceForm.DOT_NORMS) {
                float na = squaredNorm(a, (i + r) * d, d);
                float[] nb = norms[b];
                for (int j = 0; j < w; j++) {
                    s[j] = Math.max(0.0f, (na + nb[j]) - 2.0f * s[j]);
                }
            }
            profile.apply(s, out[r], w);
        }
    }
}
