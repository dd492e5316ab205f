package io.witness.operators.skit;

import io.witness.operators.kernel.RandomFourierFeatures;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Random-Fourier-feature HSIC witness (spec §A.4.2): running means {@code μx = mean φ(x)},
 * {@code μy = mean ψ(y)}, {@code C = mean φ(x)ψ(y)ᵀ}; the witness is {@code G = C − μx μyᵀ} and
 *
 * <pre>f = clip( ½ (φ(x₁)−φ(x₂))ᵀ G (ψ(y₁)−ψ(y₂)) / ‖G‖_F , −1, 1 )</pre>
 *
 * <p>O(Dx·Dy) time and memory per pair, flat in the stream length. The clip is needed because the
 * random-feature kernel can go slightly negative (|f| could reach 2); it is odd, so validity holds.
 *
 * <p>Running means use the weight {@code max(1/n, η)} per point: plain means while {@code 1/n > η},
 * then exponential forgetting with rate η — "replace 1/n by η after warm-up" of §A.4.2. η = 0 gives
 * plain means forever. Any such weighting is predictable, hence valid (§A.3).
 *
 * <p>G is never materialised: {@code uᵀGv = uᵀCv − (u·μx)(μy·v)} and
 * {@code ‖G‖_F² = Σ_ij (C_ij − μx_i μy_j)²}, computed element by element in the same pass over C.
 * That sum equals {@code ‖C‖_F² − 2 μxᵀCμy + ‖μx‖²‖μy‖²} but has no cancellation between O(1)
 * terms when ‖G‖ is small (which is exactly the null case).
 */
public final class RffHsicWitness implements HsicWitness {

    private final RandomFourierFeatures fx;
    private final RandomFourierFeatures fy;
    private final double invSigmaX;
    private final double invSigmaY;
    private final double forgetting;
    private final int px; // 2·Dx
    private final int py; // 2·Dy

    // ---- state (serialized) ----
    private long n;
    private final double[] mux;
    private final double[] muy;
    /** C, row-major px × py. */
    private final double[] c;

    // ---- scratch (not state) ----
    private final double[] phi1;
    private final double[] phi2;
    private final double[] psi1;
    private final double[] psi2;
    private final double[] u;
    private final double[] v;
    private final double[] cx1;
    private final double[] cy1;
    private final double[] cx2;
    private final double[] cy2;
    private boolean cachedFeatures;
    private double normCache;
    private boolean normValid;

    public RffHsicWitness(RandomFourierFeatures fx, RandomFourierFeatures fy,
                          double sigmaX, double sigmaY, double forgetting) {
        if (!(sigmaX > 0) || !(sigmaY > 0)) {
            throw new IllegalArgumentException("bandwidths must be > 0");
        }
        this.fx = fx;
        this.fy = fy;
        this.invSigmaX = 1.0 / sigmaX;
        this.invSigmaY = 1.0 / sigmaY;
        this.forgetting = forgetting;
        this.px = fx.length();
        this.py = fy.length();
        mux = new double[px];
        muy = new double[py];
        c = new double[px * py];
        phi1 = new double[px];
        phi2 = new double[px];
        psi1 = new double[py];
        psi2 = new double[py];
        u = new double[px];
        v = new double[py];
        cx1 = new double[fx.dim()];
        cx2 = new double[fx.dim()];
        cy1 = new double[fy.dim()];
        cy2 = new double[fy.dim()];
    }

    @Override
    public double payoff(double[] x1, double[] y1, double[] x2, double[] y2) {
        if (!featuresCachedFor(x1, y1, x2, y2)) {
            features(x1, y1, x2, y2);
        }
        double g = norm();
        if (n == 0 || g < MIN_NORM) {
            return 0.0;
        }
        for (int i = 0; i < px; i++) {
            u[i] = phi1[i] - phi2[i];
        }
        for (int j = 0; j < py; j++) {
            v[j] = psi1[j] - psi2[j];
        }
        // uᵀCv − (u·μx)(μy·v). Swapping y1, y2 negates v exactly, hence the result exactly (§A.3).
        double ucv = 0;
        for (int i = 0; i < px; i++) {
            int row = i * py;
            double r = 0;
            for (int j = 0; j < py; j++) {
                r += c[row + j] * v[j];
            }
            ucv += u[i] * r;
        }
        double umx = 0;
        for (int i = 0; i < px; i++) {
            umx += u[i] * mux[i];
        }
        double muyv = 0;
        for (int j = 0; j < py; j++) {
            muyv += muy[j] * v[j];
        }
        double f = 0.5 * (ucv - umx * muyv) / g;
        return Math.max(-1.0, Math.min(1.0, f));
    }

    private void features(double[] x1, double[] y1, double[] x2, double[] y2) {
        fx.map(x1, 0, invSigmaX, phi1);
        fx.map(x2, 0, invSigmaX, phi2);
        fy.map(y1, 0, invSigmaY, psi1);
        fy.map(y2, 0, invSigmaY, psi2);
        System.arraycopy(x1, 0, cx1, 0, cx1.length);
        System.arraycopy(x2, 0, cx2, 0, cx2.length);
        System.arraycopy(y1, 0, cy1, 0, cy1.length);
        System.arraycopy(y2, 0, cy2, 0, cy2.length);
        cachedFeatures = true;
    }

    /**
     * Takes φ and ψ of the next pair from a batch computed elsewhere (one backend call for many keys,
     * see {@link SkitBatch}): rows {@code row1} and {@code row2} of {@code xRows} (dx wide),
     * {@code yRows} (dy wide), {@code phiRows} (2Dx wide) and {@code psiRows} (2Dy wide). They serve
     * the next {@link #payoff} and {@link #ingest} only if those are called with exactly these inputs;
     * otherwise the features are computed here as usual.
     */
    void presetFeatures(double[] xRows, double[] yRows, double[] phiRows, double[] psiRows, int row1, int row2) {
        int dx = cx1.length;
        int dy = cy1.length;
        System.arraycopy(xRows, row1 * dx, cx1, 0, dx);
        System.arraycopy(xRows, row2 * dx, cx2, 0, dx);
        System.arraycopy(yRows, row1 * dy, cy1, 0, dy);
        System.arraycopy(yRows, row2 * dy, cy2, 0, dy);
        System.arraycopy(phiRows, row1 * px, phi1, 0, px);
        System.arraycopy(phiRows, row2 * px, phi2, 0, px);
        System.arraycopy(psiRows, row1 * py, psi1, 0, py);
        System.arraycopy(psiRows, row2 * py, psi2, 0, py);
        cachedFeatures = true;
    }

    private boolean featuresCachedFor(double[] x1, double[] y1, double[] x2, double[] y2) {
        return cachedFeatures && Arrays.equals(x1, cx1) && Arrays.equals(x2, cx2)
                && Arrays.equals(y1, cy1) && Arrays.equals(y2, cy2);
    }

    @Override
    public void ingest(double[] x1, double[] y1, double[] x2, double[] y2) {
        if (!featuresCachedFor(x1, y1, x2, y2)) {
            features(x1, y1, x2, y2);
        }
        cachedFeatures = false;
        addPoint(phi1, psi1);
        addPoint(phi2, psi2);
        normValid = false;
    }

    /** n += 1; μ ← μ + w(φ−μ); C ← C + w(φψᵀ − C), with w = max(1/n, η). */
    private void addPoint(double[] phi, double[] psi) {
        n++;
        double w = Math.max(1.0 / n, forgetting);
        double keep = 1.0 - w;
        for (int i = 0; i < px; i++) {
            mux[i] += w * (phi[i] - mux[i]);
        }
        for (int j = 0; j < py; j++) {
            muy[j] += w * (psi[j] - muy[j]);
        }
        for (int i = 0; i < px; i++) {
            int row = i * py;
            double wp = w * phi[i];
            for (int j = 0; j < py; j++) {
                c[row + j] = keep * c[row + j] + wp * psi[j];
            }
        }
    }

    /** ‖G‖_F, computed on demand after an ingest and cached until the next one. */
    @Override
    public double norm() {
        if (!normValid) {
            double s = 0;
            for (int i = 0; i < px; i++) {
                int row = i * py;
                double mi = mux[i];
                for (int j = 0; j < py; j++) {
                    double g = c[row + j] - mi * muy[j];
                    s += g * g;
                }
            }
            normCache = Math.sqrt(s);
            normValid = true;
        }
        return normCache;
    }

    @Override
    public boolean hasHistory() {
        return n > 0;
    }

    /** Points ingested so far. */
    public long count() {
        return n;
    }

    @Override
    public String name() {
        return "rff";
    }

    // State: long n; μx (2Dx doubles); μy (2Dy doubles); C (2Dx·2Dy doubles, row-major).
    @Override
    public void write(DataOutput out) throws IOException {
        out.writeLong(n);
        StateOutput.writeDoubles(out, mux, 0, px);
        StateOutput.writeDoubles(out, muy, 0, py);
        StateOutput.writeDoubles(out, c, 0, c.length);
    }

    @Override
    public void read(DataInput in) throws IOException {
        n = in.readLong();
        if (n < 0) {
            throw new IOException("RFF SKIT witness: negative point count " + n);
        }
        StateInput.readDoubles(in, mux, 0, px);
        StateInput.readDoubles(in, muy, 0, py);
        StateInput.readDoubles(in, c, 0, c.length);
        cachedFeatures = false;
        normValid = false;
    }

    @Override
    public int stateBytes() {
        return bytesFor(fx.features(), fy.features());
    }

    /** State size for Dx, Dy frequencies: 8 + 8·(2Dx + 2Dy + 4·Dx·Dy). */
    public static int bytesFor(int featuresX, int featuresY) {
        return 8 + 8 * (2 * featuresX + 2 * featuresY + 4 * featuresX * featuresY);
    }
}
