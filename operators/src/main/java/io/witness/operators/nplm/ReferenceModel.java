package io.witness.operators.nplm;

import io.witness.operators.monitor.SplitMix64;
import io.witness.operators.kernel.BandwidthHeuristics;
import io.witness.operators.kernel.PairwiseDistanceSample;

import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A frozen reference (spec kernel-tests.md §C.4, §C.6 item 1): the standardisation learnt on it (per
 * field: mean and population standard deviation, a zero or non-finite deviation replaced by 1), the pool
 * of standardised reference points, and the Gaussian width σ in standardised units — fixed, or NPLM's
 * 90th percentile of pairwise distances rounded to 0.1 ({@link BandwidthHeuristics#nplm}, on at most
 * 1 000 pool points). Immutable.
 */
public final class ReferenceModel {

    private final int d;
    private final double[] mean;
    private final double[] scale;
    private final double[] pool;
    private final int size;
    private final double sigma;

    ReferenceModel(int d, double[] mean, double[] scale, double[] pool, int size, double sigma) {
        this.d = d;
        this.mean = mean;
        this.scale = scale;
        this.pool = pool;
        this.size = size;
        this.sigma = sigma;
    }

    /**
     * Learns the reference from {@code n} raw rows (row-major {@code n × d}, not modified).
     *
     * @param standardise  false keeps the raw units (mean 0, scale 1)
     * @param fixedSigma   σ in standardised units, or NaN for NPLM's rule
     * @param seed         seed of the ≤ 1 000-point subsample of the σ rule
     */
    public static ReferenceModel learn(double[] raw, int n, int d, boolean standardise, double fixedSigma, long seed) {
        if (n < 2) {
            throw new IllegalArgumentException("a reference needs at least 2 points, got " + n);
        }
        double[] mean = new double[d];
        double[] scale = new double[d];
        Arrays.fill(scale, 1.0);
        if (standardise) {
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < d; k++) {
                    mean[k] += raw[i * d + k];
                }
            }
            for (int k = 0; k < d; k++) {
                mean[k] /= n;
            }
            double[] ss = new double[d];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < d; k++) {
                    double e = raw[i * d + k] - mean[k];
                    ss[k] += e * e;
                }
            }
            for (int k = 0; k < d; k++) {
                double sd = Math.sqrt(ss[k] / n);
                scale[k] = sd > 0 && Double.isFinite(sd) ? sd : 1.0;
            }
        }
        double[] pool = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                pool[i * d + k] = (raw[i * d + k] - mean[k]) / scale[k];
            }
        }
        double sigma = Double.isNaN(fixedSigma)
                ? BandwidthHeuristics.nplm(PairwiseDistanceSample.of(pool, n, d, seed))
                : fixedSigma;
        return new ReferenceModel(d, mean, scale, pool, n, sigma);
    }

    /** Writes the standardised {@code raw} into {@code out[off..off+d)}. */
    public void standardise(double[] raw, double[] out, int off) {
        for (int k = 0; k < d; k++) {
            out[off + k] = (raw[k] - mean[k]) / scale[k];
        }
    }

    /** Field k of a standardised value, back in the input's units. */
    public double original(double standardised, int k) {
        return standardised * scale[k] + mean[k];
    }

    public int dimension() {
        return d;
    }

    /** The standardised pool, row-major {@code size × d}. Do not modify. */
    public double[] pool() {
        return pool;
    }

    public int size() {
        return size;
    }

    public double sigma() {
        return sigma;
    }

    double[] mean() {
        return mean;
    }

    double[] scale() {
        return scale;
    }

    /** A 64-bit fingerprint of everything a test depends on (pool bits, standardisation, σ). */
    public long fingerprint() {
        long h = 0x243F6A8885A308D3L ^ size;
        for (double v : pool) {
            h = SplitMix64.nth(h, Double.doubleToLongBits(v));
        }
        for (int k = 0; k < d; k++) {
            h = SplitMix64.nth(h, Double.doubleToLongBits(mean[k]));
            h = SplitMix64.nth(h, Double.doubleToLongBits(scale[k]));
        }
        return SplitMix64.nth(h, Double.doubleToLongBits(sigma));
    }

    /** Bytes of {@link #write}: {@code 4 + 8 + 16·d + 8·size·d}. */
    static int bytesFor(int size, int d) {
        return 4 + 8 + 16 * d + 8 * size * d;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(size);
        out.writeDouble(sigma);
        StateOutput.writeDoubles(out, mean, 0, d);
        StateOutput.writeDoubles(out, scale, 0, d);
        StateOutput.writeDoubles(out, pool, 0, size * d);
    }

    static ReferenceModel read(DataInput in, int d, int maxSize) throws IOException {
        int n = in.readInt();
        if (n < 2 || n > maxSize) {
            throw new IOException("reference size " + n + " outside [2, " + maxSize + "]");
        }
        double sigma = in.readDouble();
        double[] mean = new double[d];
        double[] scale = new double[d];
        double[] pool = new double[n * d];
        StateInput.readDoubles(in, mean, 0, d);
        StateInput.readDoubles(in, scale, 0, d);
        StateInput.readDoubles(in, pool, 0, n * d);
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IOException("reference σ " + sigma + " is not a width");
        }
        return new ReferenceModel(d, mean, scale, pool, n, sigma);
    }
}
