package io.witness.operators.skit;

import io.witness.operators.kernel.RandomFourierFeatures;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Random-Fourier-feature HSIC witness in tensor form (spec §A.4.2): running means {@code μx = mean φ(x)},
 * {@code μy = mean ψ(y)}, {@code C = mean φ(x)ψ(y)ᵀ}; the witness is {@code G = C − μx μyᵀ} and
 *
 * <pre>f = clip( ½ (φ(x₁)−φ(x₂))ᵀ G (ψ(y₁)−ψ(y₂)) / ‖G‖_F , −1, 1 )</pre>
 *
 * <p>O(Dx·Dy) time and memory per pair, flat in the stream length. The clip is needed because the
 * random-feature kernel can go slightly negative (|f| could reach 2); it is odd, so validity holds.
 *
 * <p>G is never materialised: {@code uᵀGv = uᵀCv − (u·μx)(μy·v)} and
 * {@code ‖G‖_F² = Σ_ij (C_ij − μx_i μy_j)²}, computed element by element in the same pass over C.
 * That sum equals {@code ‖C‖_F² − 2 μxᵀCμy + ‖μx‖²‖μy‖²} but has no cancellation between O(1)
 * terms when ‖G‖ is small (which is exactly the null case).
 */
public final class RffHsicWitness extends RandomFeatureWitness {

    private final int px; // 2·Dx
    private final int py; // 2·Dy

    // ---- state (serialized), after the point count ----
    private final double[] mux;
    private final double[] muy;
    /** C, row-major px × py. */
    private final double[] c;

    // ---- scratch (not state) ----
    private final double[] u;
    private final double[] v;

    public RffHsicWitness(RandomFourierFeatures fx, RandomFourierFeatures fy,
                          double sigmaX, double sigmaY, double forgetting, MeanPrecision precision) {
        super(fx, fy, sigmaX, sigmaY, forgetting, precision);
        this.px = fx.length();
        this.py = fy.length();
        mux = new double[px];
        muy = new double[py];
        c = new double[px * py];
        u = new double[px];
        v = new double[py];
    }

    @Override
    double payoffOfPair(double g) {
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

    /** μ ← μ + w(φ−μ); C ← C + w(φψᵀ − C). */
    @Override
    void addPoint(double[] phi, double[] psi, double w) {
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

    @Override
    void roundMeans() {
        precision.round(mux, px);
        precision.round(muy, py);
        precision.round(c, c.length);
    }

    /** ‖G‖_F². */
    @Override
    double squaredNorm() {
        double s = 0;
        for (int i = 0; i < px; i++) {
            int row = i * py;
            double mi = mux[i];
            for (int j = 0; j < py; j++) {
                double g = c[row + j] - mi * muy[j];
                s += g * g;
            }
        }
        return s;
    }

    @Override
    public String name() {
        return "rff";
    }

    // State: long n; μx (2Dx means); μy (2Dy means); C (2Dx·2Dy means, row-major), each in the precision.
    @Override
    void writeMeans(DataOutput out) throws IOException {
        precision.write(out, mux, px);
        precision.write(out, muy, py);
        precision.write(out, c, c.length);
    }

    @Override
    void readMeans(DataInput in) throws IOException {
        precision.read(in, mux, px);
        precision.read(in, muy, py);
        precision.read(in, c, c.length);
    }

    @Override
    public int stateBytes() {
        return bytesFor(fx.features(), fy.features(), precision);
    }

    /** State size for Dx, Dy frequencies: 8 + b·(2Dx + 2Dy + 4·Dx·Dy), b = 8 (double) or 4 (float). */
    public static int bytesFor(int featuresX, int featuresY, MeanPrecision precision) {
        return 8 + precision.bytes() * (2 * featuresX + 2 * featuresY + 4 * featuresX * featuresY);
    }
}
