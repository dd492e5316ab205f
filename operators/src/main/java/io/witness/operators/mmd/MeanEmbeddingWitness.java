package io.witness.operators.mmd;

import io.witness.operators.kernel.features.RandomFeatures;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The MMD witness of a two-sample test by betting, in random features (bounded memory): running means
 * {@code μ_X} of φ over the reference points already bet on and {@code μ_Y} over the stream points
 * already bet on, and the normalised witness {@code g(z) = ⟨μ_X − μ_Y, φ(z)⟩ / ‖μ_X − μ_Y‖}. With the
 * unit-norm trigonometric map ({@code ‖φ(z)‖ = 1}) Cauchy–Schwarz gives {@code |g| ≤ 1}. Predictable:
 * the caller evaluates g before it ingests the points it scores (spec §A.2.5, §A.3).
 */
final class MeanEmbeddingWitness {

    /** Below this norm the witness carries no information and the payoff is 0 (as in SKIT, §A.2.2). */
    static final double MIN_NORM = 1e-12;

    private final RandomFeatures features;
    private final double invSigma;
    private final int p;

    // ---- state ----
    private long nx;
    private long ny;
    private final double[] mux;
    private final double[] muy;

    // ---- scratch ----
    private final double[] diff;
    private double norm = Double.NaN;

    MeanEmbeddingWitness(RandomFeatures features, double sigma) {
        this.features = features;
        this.invSigma = 1.0 / sigma;
        this.p = features.outputDim();
        mux = new double[p];
        muy = new double[p];
        diff = new double[p];
    }

    /** φ(z) into {@code out}. */
    void map(double[] z, int off, double[] out) {
        features.map(z, off, invSigma, out, 0);
    }

    int length() {
        return p;
    }

    /** {@code ‖μ_X − μ_Y‖}; the difference vector is cached until the next ingest. */
    double norm() {
        if (Double.isNaN(norm)) {
            double s = 0;
            for (int i = 0; i < p; i++) {
                diff[i] = mux[i] - muy[i];
                s += diff[i] * diff[i];
            }
            norm = Math.sqrt(s);
        }
        return norm;
    }

    /** {@code g(z)} for a feature vector φ(z); 0 while the witness is (numerically) zero. */
    double value(double[] phi) {
        double g = norm();
        if (nx == 0 || ny == 0 || g < MIN_NORM) {
            return 0.0;
        }
        double s = 0;
        for (int i = 0; i < p; i++) {
            s += diff[i] * phi[i];
        }
        return Math.max(-1.0, Math.min(1.0, s / g));
    }

    void ingestReference(double[] phi) {
        nx++;
        double w = 1.0 / nx;
        for (int i = 0; i < p; i++) {
            mux[i] += w * (phi[i] - mux[i]);
        }
        norm = Double.NaN;
    }

    /** Ingests {@code count} stream points given the sum of their feature vectors. */
    void ingestStream(double[] phiSum, int count) {
        ny += count;
        double w = 1.0 / ny;
        for (int i = 0; i < p; i++) {
            muy[i] += w * (phiSum[i] - count * muy[i]);
        }
        norm = Double.NaN;
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(nx);
        out.writeLong(ny);
        for (double v : mux) {
            out.writeDouble(v);
        }
        for (double v : muy) {
            out.writeDouble(v);
        }
    }

    void read(DataInput in) throws IOException {
        nx = in.readLong();
        ny = in.readLong();
        for (int i = 0; i < p; i++) {
            mux[i] = in.readDouble();
        }
        for (int i = 0; i < p; i++) {
            muy[i] = in.readDouble();
        }
        norm = Double.NaN;
    }

    static int bytesFor(int p) {
        return 16 + 16 * p;
    }
}
