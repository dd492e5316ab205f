package io.witness.operators.skit;

import io.witness.operators.kernel.RandomFourierFeatures;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Joint-frequency random-feature HSIC witness (spec §A.4.2b): state linear in the number of features.
 * The product kernel is shift-invariant on (x, y), {@code k(x,x′)·l(y,y′) = E cos(ω·(x−x′) + ν·(y−y′))},
 * so J joint frequencies {@code (ω_j, ν_j)} and three complex running means per frequency suffice:
 *
 * <pre>
 * a_j = mean e^{iω_j·x},  b_j = mean e^{iν_j·y},  c_j = mean e^{i(ω_j·x + ν_j·y)}     (history only)
 * G_j = c_j − a_j b_j
 * Δ_j = (e^{iω_j·x₁} − e^{iω_j·x₂}) · (e^{iν_j·y₁} − e^{iν_j·y₂})                  (the new pair)
 * f   = Re Σ_j G_j conj(Δ_j) / (‖G‖ ‖Δ‖)   ∈ [−1, 1] by Cauchy–Schwarz
 * </pre>
 *
 * <p>Swapping y₁ ↔ y₂ negates Δ exactly and keeps ‖Δ‖, so under the null f is symmetric and
 * E[f | past] = 0 (§A.3). The x- and y-frequencies of frequency j are row j of the x- and y-side
 * {@link RandomFourierFeatures} (J rows each), whose maps are {@code J^{-1/2}(cos, sin)}: the common
 * scale cancels in f. Cost O(J·(dx+dy)) per pair; state 8 + 6J means.
 */
public final class JointRffHsicWitness extends RandomFeatureWitness {

    private final int j; // J

    // ---- state (serialized), after the point count: each 2J long, real parts then imaginary parts ----
    private final double[] a;
    private final double[] b;
    private final double[] c;

    public JointRffHsicWitness(RandomFourierFeatures fx, RandomFourierFeatures fy,
                               double sigmaX, double sigmaY, double forgetting, MeanPrecision precision) {
        super(fx, fy, sigmaX, sigmaY, forgetting, precision);
        if (fx.features() != fy.features()) {
            throw new IllegalArgumentException("joint witness: x and y need the same number of frequencies");
        }
        this.j = fx.features();
        a = new double[2 * j];
        b = new double[2 * j];
        c = new double[2 * j];
    }

    @Override
    double payoffOfPair(double g) {
        double dot = 0;
        double deltaSq = 0;
        for (int k = 0; k < j; k++) {
            double uRe = phi1[k] - phi2[k];
            double uIm = phi1[j + k] - phi2[j + k];
            double vRe = psi1[k] - psi2[k];
            double vIm = psi1[j + k] - psi2[j + k];
            double dRe = uRe * vRe - uIm * vIm;
            double dIm = uRe * vIm + uIm * vRe;
            double gRe = c[k] - (a[k] * b[k] - a[j + k] * b[j + k]);
            double gIm = c[j + k] - (a[k] * b[j + k] + a[j + k] * b[k]);
            dot += gRe * dRe + gIm * dIm;
            deltaSq += dRe * dRe + dIm * dIm;
        }
        if (!(deltaSq > 0)) {
            return 0.0; // x₁ = x₂ or y₁ = y₂ at every frequency: the pair says nothing
        }
        double f = dot / (g * Math.sqrt(deltaSq));
        return Math.max(-1.0, Math.min(1.0, f)); // only rounding can leave [−1, 1]
    }

    /** a, b, c ← (1−w)·old + w·new. */
    @Override
    void addPoint(double[] phi, double[] psi, double w) {
        for (int k = 0; k < j; k++) {
            double xr = phi[k];
            double xi = phi[j + k];
            double yr = psi[k];
            double yi = psi[j + k];
            a[k] += w * (xr - a[k]);
            a[j + k] += w * (xi - a[j + k]);
            b[k] += w * (yr - b[k]);
            b[j + k] += w * (yi - b[j + k]);
            c[k] += w * ((xr * yr - xi * yi) - c[k]);
            c[j + k] += w * ((xr * yi + xi * yr) - c[j + k]);
        }
    }

    @Override
    void roundMeans() {
        precision.round(a, a.length);
        precision.round(b, b.length);
        precision.round(c, c.length);
    }

    /** ‖G‖₂² over the J complex entries. */
    @Override
    double squaredNorm() {
        double s = 0;
        for (int k = 0; k < j; k++) {
            double gRe = c[k] - (a[k] * b[k] - a[j + k] * b[j + k]);
            double gIm = c[j + k] - (a[k] * b[j + k] + a[j + k] * b[k]);
            s += gRe * gRe + gIm * gIm;
        }
        return s;
    }

    @Override
    public String name() {
        return "joint";
    }

    // State: long n; a, b, c (2J means each: real parts, then imaginary parts), each in the precision.
    @Override
    void writeMeans(DataOutput out) throws IOException {
        precision.write(out, a, a.length);
        precision.write(out, b, b.length);
        precision.write(out, c, c.length);
    }

    @Override
    void readMeans(DataInput in) throws IOException {
        precision.read(in, a, a.length);
        precision.read(in, b, b.length);
        precision.read(in, c, c.length);
    }

    @Override
    public int stateBytes() {
        return bytesFor(j, precision);
    }

    /** State size for J joint frequencies: 8 + b·6J, b = 8 (double) or 4 (float). */
    public static int bytesFor(int frequencies, MeanPrecision precision) {
        return 8 + precision.bytes() * 6 * frequencies;
    }
}
