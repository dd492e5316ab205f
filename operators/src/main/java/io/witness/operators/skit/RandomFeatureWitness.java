package io.witness.operators.skit;

import io.witness.operators.kernel.RandomFourierFeatures;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * What the two random-feature HSIC witnesses share (§A.4.2, §A.4.2b): the feature maps of the pair
 * being scored, computed once for its payoff and its ingest (or taken from a batch, {@link SkitBatch}),
 * the weight of a new point, the precision of the running means, the point count, the cached norm,
 * and the order of work: a payoff from the history only, then the ingest of the pair's two points.
 *
 * <p>Running means use the weight {@code max(1/n, η)} per point: plain means while {@code 1/n > η},
 * then exponential forgetting with rate η — "replace 1/n by η after warm-up" of §A.4.2. η = 0 gives
 * plain means forever. Any such weighting is predictable, hence valid (§A.3).
 */
abstract sealed class RandomFeatureWitness implements HsicWitness permits RffHsicWitness, JointRffHsicWitness {

    final RandomFourierFeatures fx;
    final RandomFourierFeatures fy;
    final MeanPrecision precision;
    private final double invSigmaX;
    private final double invSigmaY;
    private final double forgetting;

    // ---- the pair's feature maps (scratch, not state) ----
    final double[] phi1;
    final double[] phi2;
    final double[] psi1;
    final double[] psi2;
    private final double[] cx1;
    private final double[] cy1;
    private final double[] cx2;
    private final double[] cy2;
    private boolean cachedFeatures;

    // ---- state (serialized): the point count, then the subclass's means ----
    private long n;

    // ---- the witness norm, cached until the next ingest ----
    private double normCache;
    private boolean normValid;

    RandomFeatureWitness(RandomFourierFeatures fx, RandomFourierFeatures fy, double sigmaX, double sigmaY,
                         double forgetting, MeanPrecision precision) {
        if (!(sigmaX > 0) || !(sigmaY > 0)) {
            throw new IllegalArgumentException("bandwidths must be > 0");
        }
        this.fx = fx;
        this.fy = fy;
        this.precision = precision;
        this.invSigmaX = 1.0 / sigmaX;
        this.invSigmaY = 1.0 / sigmaY;
        this.forgetting = forgetting;
        phi1 = new double[fx.length()];
        phi2 = new double[fx.length()];
        psi1 = new double[fy.length()];
        psi2 = new double[fy.length()];
        cx1 = new double[fx.dim()];
        cx2 = new double[fx.dim()];
        cy1 = new double[fy.dim()];
        cy2 = new double[fy.dim()];
    }

    @Override
    public final double payoff(double[] x1, double[] y1, double[] x2, double[] y2) {
        mapPair(x1, y1, x2, y2);
        double g = norm();
        if (n == 0 || g < MIN_NORM) {
            return 0.0;
        }
        return payoffOfPair(g);
    }

    /** The payoff of the mapped pair (phi1, phi2, psi1, psi2) against the history, whose norm is g > 0. */
    abstract double payoffOfPair(double g);

    @Override
    public final void ingest(double[] x1, double[] y1, double[] x2, double[] y2) {
        mapPair(x1, y1, x2, y2);
        forgetPair();
        n++;
        addPoint(phi1, psi1, weight(n));
        n++;
        addPoint(phi2, psi2, weight(n));
        roundMeans();
        normValid = false;
    }

    /** Moves every running mean towards this point's features by the weight w. */
    abstract void addPoint(double[] phi, double[] psi, double w);

    /** Rounds every running mean to the precision (after each pair, so memory holds what is stored). */
    abstract void roundMeans();

    /** ‖G‖, computed on demand after an ingest and cached until the next one. */
    @Override
    public final double norm() {
        if (!normValid) {
            normCache = Math.sqrt(squaredNorm());
            normValid = true;
        }
        return normCache;
    }

    abstract double squaredNorm();

    @Override
    public final boolean hasHistory() {
        return n > 0;
    }

    /** Points ingested so far. */
    public final long count() {
        return n;
    }

    @Override
    public final void write(DataOutput out) throws IOException {
        out.writeLong(n);
        writeMeans(out);
    }

    @Override
    public final void read(DataInput in) throws IOException {
        n = in.readLong();
        if (n < 0) {
            throw new IOException("SKIT " + name() + " witness: negative point count " + n);
        }
        readMeans(in);
        forgetPair();
        normValid = false;
    }

    abstract void writeMeans(DataOutput out) throws IOException;

    abstract void readMeans(DataInput in) throws IOException;

    /** The x-side features this witness was built on (a batch may use them only if they are its own). */
    RandomFourierFeatures featuresX() {
        return fx;
    }

    RandomFourierFeatures featuresY() {
        return fy;
    }

    /** Makes phi1, phi2, psi1, psi2 those of this pair. */
    final void mapPair(double[] x1, double[] y1, double[] x2, double[] y2) {
        if (cachedFeatures && Arrays.equals(x1, cx1) && Arrays.equals(x2, cx2)
                && Arrays.equals(y1, cy1) && Arrays.equals(y2, cy2)) {
            return;
        }
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

    /** The pair's features serve one ingest at most: the next pair is another pair. */
    final void forgetPair() {
        cachedFeatures = false;
    }

    /**
     * Takes φ and ψ of the next pair from a batch computed elsewhere (one backend call for many keys,
     * see {@link SkitBatch}): rows {@code row1} and {@code row2} of {@code xRows} (dx wide),
     * {@code yRows} (dy wide), {@code phiRows} (2Dx wide) and {@code psiRows} (2Dy wide). They serve
     * the next {@link #payoff} and {@link #ingest} only if those are called with exactly these inputs;
     * otherwise the features are computed here as usual.
     */
    final void presetFeatures(double[] xRows, double[] yRows, double[] phiRows, double[] psiRows, int row1, int row2) {
        int dx = cx1.length;
        int dy = cy1.length;
        int px = phi1.length;
        int py = psi1.length;
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

    /** The weight of the n-th point in the running means, max(1/n, η). */
    private double weight(long count) {
        return Math.max(1.0 / count, forgetting);
    }
}
