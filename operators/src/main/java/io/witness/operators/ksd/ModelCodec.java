package io.witness.operators.ksd;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Encoding of a fitted {@link ScoreModel} inside per-key state:
 * <pre>
 * byte  kind (1 = Gaussian mixture; a single Gaussian is a mixture of one)
 * short K; short d
 * K × (double weight; d doubles mean; d·d doubles covariance, row-major)
 * </pre>
 * Only parameters are stored; precisions and log-determinants are recomputed on read.
 */
public final class ModelCodec {

    static final byte MIXTURE = 1;

    private ModelCodec() {
    }

    static void writeMixture(DataOutput out, GaussianMixtureModel m) throws IOException {
        int k = m.components();
        int d = m.dimension();
        out.writeByte(MIXTURE);
        out.writeShort(k);
        out.writeShort(d);
        for (int c = 0; c < k; c++) {
            out.writeDouble(m.weight(c));
            for (double v : m.mean(c)) {
                out.writeDouble(v);
            }
            for (double v : m.covariance(c)) {
                out.writeDouble(v);
            }
        }
    }

    static int mixtureBytes(int k, int d) {
        return 1 + 2 + 2 + 8 * k * (1 + d + d * d);
    }

    /** Reads a model written by {@link ScoreModel#write}; checks its dimension. */
    public static ScoreModel read(DataInput in, int expectedDimension) throws IOException {
        byte kind = in.readByte();
        if (kind != MIXTURE) {
            throw new IOException("model state: unknown kind " + kind);
        }
        int k = in.readShort();
        int d = in.readShort();
        if (k < 1 || k > 1000 || d != expectedDimension) {
            throw new IOException("model state: " + k + " components of dimension " + d + " (expected dimension "
                    + expectedDimension + ")");
        }
        double[] w = new double[k];
        double[][] mu = new double[k][d];
        double[][] cov = new double[k][d * d];
        for (int c = 0; c < k; c++) {
            w[c] = in.readDouble();
            for (int i = 0; i < d; i++) {
                mu[c][i] = in.readDouble();
            }
            for (int i = 0; i < d * d; i++) {
                cov[c][i] = in.readDouble();
            }
        }
        try {
            return new GaussianMixtureModel(w, mu, cov);
        } catch (IllegalArgumentException e) {
            throw new IOException("model state: " + e.getMessage(), e);
        }
    }
}
