package io.witness.operators.skit;

import io.witness.operators.kernel.CompensatedSum;
import io.witness.operators.kernel.GaussianKernel;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Exact-kernel HSIC witness with the O(n)-per-pair incremental normaliser of spec §A.2.7, history
 * capped at {@code maxHistory} points (§A.4.1): once full, the witness and its normaliser are frozen,
 * which is still a predictable witness, so the test stays valid.
 *
 * <p>Cached: the history points, {@code a = K·1}, {@code b = L·1} and {@code T = Σ K_ij L_ij}
 * (compensated sum: T adds O(n) positive terms per pair over the whole stream).
 */
public final class ExactHsicWitness implements HsicWitness {

    /** The reference code adds this to the very first normaliser only (§A.2.2, check vector §A.5.1). */
    static final double FIRST_NORM_OFFSET = 1e-6;

    private final GaussianKernel kx;
    private final GaussianKernel ky;
    private final int dx;
    private final int dy;
    private final int maxHistory;

    // ---- state (serialized) ----
    private int n;
    private double[] hx = new double[0];   // n × dx, row-major
    private double[] hy = new double[0];   // n × dy
    private double[] a = new double[0];    // K·1
    private double[] b = new double[0];    // L·1
    private final CompensatedSum t = new CompensatedSum();
    private double norm;

    // ---- scratch (not state): kernel vectors of the last payoff's pair, reused by ingest ----
    private double[] k1 = new double[0];
    private double[] k2 = new double[0];
    private double[] l1 = new double[0];
    private double[] l2 = new double[0];
    private final double[] cx1;
    private final double[] cy1;
    private final double[] cx2;
    private final double[] cy2;
    private boolean cached;

    public ExactHsicWitness(double sigmaX, double sigmaY, int dx, int dy, int maxHistory) {
        this.kx = new GaussianKernel(sigmaX);
        this.ky = new GaussianKernel(sigmaY);
        this.dx = dx;
        this.dy = dy;
        this.maxHistory = maxHistory;
        cx1 = new double[dx];
        cx2 = new double[dx];
        cy1 = new double[dy];
        cy2 = new double[dy];
    }

    @Override
    public double payoff(double[] x1, double[] y1, double[] x2, double[] y2) {
        kernelVectors(x1, y1, x2, y2);
        if (n == 0 || norm < MIN_NORM) {
            return 0.0;
        }
        double g11 = witness(k1, l1);
        double g22 = witness(k2, l2);
        double g12 = witness(k1, l2);
        double g21 = witness(k2, l1);
        // Grouped as (g11 − g12) + (g22 − g21): swapping y1, y2 then negates every operation exactly,
        // so the computed payoff is exactly antisymmetric (§A.3), not only up to rounding.
        double f = ((g11 - g12) + (g22 - g21)) / (2.0 * norm);
        // |f| ≤ 1 by Cauchy–Schwarz (§A.2.4); the clip only absorbs rounding and is odd, hence valid.
        return Math.max(-1.0, Math.min(1.0, f));
    }

    /** ĝ(x,y) = mean(k∘l) − mean(k)·mean(l) over the history (§A.2.2). */
    private double witness(double[] k, double[] l) {
        double skl = 0;
        double sk = 0;
        double sl = 0;
        for (int i = 0; i < n; i++) {
            skl += k[i] * l[i];
            sk += k[i];
            sl += l[i];
        }
        double inv = 1.0 / n;
        return skl * inv - (sk * inv) * (sl * inv);
    }

    private void kernelVectors(double[] x1, double[] y1, double[] x2, double[] y2) {
        if (k1.length < n) {
            int cap = Math.max(n, 2 * k1.length);
            k1 = new double[cap];
            k2 = new double[cap];
            l1 = new double[cap];
            l2 = new double[cap];
        }
        for (int i = 0; i < n; i++) {
            k1[i] = kx.value(hx, i * dx, x1, 0, dx);
            k2[i] = kx.value(hx, i * dx, x2, 0, dx);
            l1[i] = ky.value(hy, i * dy, y1, 0, dy);
            l2[i] = ky.value(hy, i * dy, y2, 0, dy);
        }
        System.arraycopy(x1, 0, cx1, 0, dx);
        System.arraycopy(x2, 0, cx2, 0, dx);
        System.arraycopy(y1, 0, cy1, 0, dy);
        System.arraycopy(y2, 0, cy2, 0, dy);
        cached = true;
    }

    @Override
    public void ingest(double[] x1, double[] y1, double[] x2, double[] y2) {
        if (n + 2 > maxHistory) {
            cached = false;
            return; // frozen (§A.4.1)
        }
        if (!(cached && Arrays.equals(x1, cx1) && Arrays.equals(x2, cx2)
                && Arrays.equals(y1, cy1) && Arrays.equals(y2, cy2))) {
            kernelVectors(x1, y1, x2, y2);
        }
        cached = false;
        boolean first = n == 0;
        // §A.2.7. k(x,x) = l(y,y) = 1 for the Gaussian kernel.
        double k12 = kx.value(x1, x2);
        double l12 = ky.value(y1, y2);
        double ska1 = 0;
        double ska2 = 0;
        double slb1 = 0;
        double slb2 = 0;
        for (int i = 0; i < n; i++) {
            t.add(2.0 * (k1[i] * l1[i] + k2[i] * l2[i]));
            a[i] += k1[i] + k2[i];
            b[i] += l1[i] + l2[i];
            ska1 += k1[i];
            ska2 += k2[i];
            slb1 += l1[i];
            slb2 += l2[i];
        }
        t.add(1.0 + 1.0 + 2.0 * k12 * l12);
        grow(n + 2);
        a[n] = ska1 + 1.0 + k12;
        a[n + 1] = ska2 + k12 + 1.0;
        b[n] = slb1 + 1.0 + l12;
        b[n + 1] = slb2 + l12 + 1.0;
        System.arraycopy(x1, 0, hx, n * dx, dx);
        System.arraycopy(x2, 0, hx, (n + 1) * dx, dx);
        System.arraycopy(y1, 0, hy, n * dy, dy);
        System.arraycopy(y2, 0, hy, (n + 1) * dy, dy);
        n += 2;
        norm = normaliser();
        if (first) {
            norm += FIRST_NORM_OFFSET;
        }
    }

    /** ‖ĝ‖² = T/n² + SK·SL/n⁴ − 2·Sab/n³, clamped at 0 (§A.2.2, §A.2.7). */
    private double normaliser() {
        double sk = 0;
        double sl = 0;
        double sab = 0;
        for (int i = 0; i < n; i++) {
            sk += a[i];
            sl += b[i];
            sab += a[i] * b[i];
        }
        double nn = n;
        double n2 = nn * nn;
        double sq = t.value() / n2 + (sk / n2) * (sl / n2) - 2.0 * sab / (n2 * nn);
        return Math.sqrt(Math.max(0.0, sq));
    }

    private void grow(int need) {
        if (a.length >= need) {
            return;
        }
        int cap = Math.min(maxHistory, Math.max(need, 2 * a.length));
        a = Arrays.copyOf(a, cap);
        b = Arrays.copyOf(b, cap);
        hx = Arrays.copyOf(hx, cap * dx);
        hy = Arrays.copyOf(hy, cap * dy);
    }

    @Override
    public double norm() {
        return norm;
    }

    @Override
    public boolean hasHistory() {
        return n > 0;
    }

    /** History size in points. */
    public int historySize() {
        return n;
    }

    @Override
    public String name() {
        return "exact";
    }

    // State: int n; n·dx + n·dy history doubles; n a; n b; T sum, T compensation; norm.
    @Override
    public void write(DataOutput out) throws IOException {
        out.writeInt(n);
        StateOutput.writeDoubles(out, hx, 0, n * dx);
        StateOutput.writeDoubles(out, hy, 0, n * dy);
        for (int i = 0; i < n; i++) {
            out.writeDouble(a[i]);
            out.writeDouble(b[i]);
        }
        out.writeDouble(t.rawSum());
        out.writeDouble(t.rawCompensation());
        out.writeDouble(norm);
    }

    @Override
    public void read(DataInput in) throws IOException {
        int size = in.readInt();
        if (size < 0 || size > maxHistory || size % 2 != 0) {
            throw new IOException("exact SKIT witness: history size " + size
                    + " is not an even number in [0, max-history=" + maxHistory + "]");
        }
        n = 0;
        grow(size);
        n = size;
        StateInput.readDoubles(in, hx, 0, n * dx);
        StateInput.readDoubles(in, hy, 0, n * dy);
        for (int i = 0; i < n; i++) {
            a[i] = in.readDouble();
            b[i] = in.readDouble();
        }
        double s = in.readDouble();
        double c = in.readDouble();
        t.set(s, c);
        norm = in.readDouble();
        cached = false;
    }

    @Override
    public int stateBytes() {
        return bytesFor(n, dx, dy);
    }

    /** State size of an exact witness holding {@code n} points. */
    public static int bytesFor(int n, int dx, int dy) {
        return 4 + 8 * n * (dx + dy + 2) + 3 * 8;
    }
}
