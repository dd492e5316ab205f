package io.witness.operators.ksd;

import io.witness.operators.files.ReferenceSample;
import io.witness.operators.monitor.Params;

import java.nio.file.Path;

/**
 * Where a goodness-of-fit monitor's model comes from, parsed from its parameters:
 * <table>
 * <tr><th>name</th><th>default</th><th>meaning</th></tr>
 * <tr><td>model</td><td>gaussian</td><td>gaussian | mixture</td></tr>
 * <tr><td>mean, covariance | variance</td><td>—</td><td>a given Gaussian: {@code "0,0"}, rows {@code "1,0;0,1"}
 *     or a diagonal {@code "1,1"} (default identity)</td></tr>
 * <tr><td>weights, means, variances</td><td>—</td><td>a given mixture: {@code "0.5,0.5"}, {@code "0,0;6,6"},
 *     per-component diagonal {@code "1,1;1,1"} or one variance each {@code "1;1"} (default 1)</td></tr>
 * <tr><td>components</td><td>2</td><td>K when a mixture is fitted</td></tr>
 * <tr><td>reference-file</td><td>—</td><td>fit once on this file ({@link ReferenceSample})</td></tr>
 * <tr><td>reference-size</td><td>500</td><td>otherwise fit per key on its first N events</td></tr>
 * </table>
 * A given model wins over a reference file, which wins over per-key fitting. Fitting: maximum
 * likelihood for the Gaussian, seeded EM for the mixture ({@link ModelFitting}).
 */
public final class ModelSpec {

    /** The family fitted on a reference. */
    public enum Family {
        GAUSSIAN,
        MIXTURE
    }

    private final int d;
    private final Family family;
    private final int components;
    private final ScoreModel shared;
    private final int referenceSize;
    /** Events of the reference file the shared model was fitted on; 0 for a given model. */
    private final int sharedReference;
    private final long seed;

    private ModelSpec(int d, Family family, int components, ScoreModel shared, int referenceSize, int sharedReference,
                      long seed) {
        this.d = d;
        this.family = family;
        this.components = components;
        this.shared = shared;
        this.referenceSize = referenceSize;
        this.sharedReference = sharedReference;
        this.seed = seed;
    }

    /** Reads the model parameters of the table above from {@code p}. */
    public static ModelSpec parse(Params p, int d, long seed) {
        Family family = p.getEnum("model", Family.class, Family.GAUSSIAN);
        int components = p.getInt("components", 2, 1, 20);
        int referenceSize = p.getInt("reference-size", 500, 10, 100_000);
        String mean = p.getString("mean", null);
        String covariance = p.getString("covariance", null);
        String variance = p.getString("variance", null);
        String weights = p.getString("weights", null);
        String means = p.getString("means", null);
        String variances = p.getString("variances", null);
        String file = p.getString("reference-file", null);
        ScoreModel shared = null;
        int sharedReference = 0;
        if (family == Family.GAUSSIAN) {
            if (weights != null || means != null || variances != null) {
                throw new IllegalArgumentException("parameters 'weights', 'means', 'variances' need 'model: mixture'");
            }
            if (mean != null) {
                double[] mu = vector("mean", mean, d);
                double[] cov;
                if (covariance != null && variance != null) {
                    throw new IllegalArgumentException("parameter 'variance' and 'covariance' exclude each other");
                }
                if (covariance != null) {
                    cov = matrix("covariance", covariance, d);
                } else {
                    cov = diagonal(variance == null ? null : vector("variance", variance, d), d);
                }
                if (!SymmetricMatrix.isPositiveDefinite(cov, d)) {
                    throw new IllegalArgumentException("parameter 'covariance' must be symmetric positive definite");
                }
                shared = GaussianMixtureModel.gaussian(mu, cov);
            } else if (covariance != null || variance != null) {
                throw new IllegalArgumentException("parameter 'mean' is required with 'covariance' or 'variance'");
            }
        } else {
            if (mean != null || covariance != null || variance != null) {
                throw new IllegalArgumentException("parameters 'mean', 'covariance', 'variance' need 'model: gaussian'");
            }
            if (means != null) {
                shared = mixture(weights, means, variances, d);
                components = ((GaussianMixtureModel) shared).components();
            } else if (weights != null || variances != null) {
                throw new IllegalArgumentException("parameter 'means' is required with 'weights' or 'variances'");
            }
        }
        if (shared == null && file != null) {
            double[] x = referenceSample(Path.of(file), d);
            sharedReference = x.length / d;
            shared = fit(family, components, x, sharedReference, d, seed);
        }
        return new ModelSpec(d, family, components, shared, referenceSize, sharedReference, seed);
    }

    /** At most this many reference points are read (larger files are an error, not silently cut). */
    public static final int MAX_REFERENCE_POINTS = 1_000_000;

    private static double[] referenceSample(Path file, int d) {
        ReferenceSample.Rows rows;
        try {
            rows = ReferenceSample.read(file, d, null, null, MAX_REFERENCE_POINTS);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter 'reference-file': " + e.getMessage(), e);
        }
        if (rows.count() < 2) {
            throw new IllegalArgumentException("parameter 'reference-file': " + file + " needs at least 2 points, has "
                    + rows.count());
        }
        return rows.values();
    }

    /** A spec with a given model (tests, tools). */
    public static ModelSpec given(ScoreModel model) {
        return new ModelSpec(model.dimension(), Family.GAUSSIAN, 1, model, 0, 0, 0);
    }

    /** A spec that fits per key on the first {@code referenceSize} events. */
    public static ModelSpec perKey(int d, Family family, int components, int referenceSize, long seed) {
        return new ModelSpec(d, family, components, null, referenceSize, 0, seed);
    }

    /** The model is fitted on a reference (per key, or once on a file), not given. */
    public boolean fitted() {
        return shared == null || sharedReference > 0;
    }

    /** m: the events a fitted model is fitted on (per key: {@code reference-size}; else the file's rows). */
    public int referenceEvents() {
        return shared == null ? referenceSize : sharedReference;
    }

    /** The model shared by every key, or null when each key fits its own. */
    public ScoreModel shared() {
        return shared;
    }

    public int referenceSize() {
        return referenceSize;
    }

    public int dimension() {
        return d;
    }

    /** Fits the configured family on a key's reference. */
    public ScoreModel fit(double[] x, int n) {
        return fit(family, components, x, n, d, seed);
    }

    /**
     * Adds what of the model shapes a windowed test's state: whether each key fits its own (then its
     * reference buffer and fitted model are state: family, components, reference-size) or one model is
     * shared (not stored per key, so a given model or reference file may change).
     */
    public void shape(io.witness.operators.monitor.StateShape.Builder b) {
        if (shared != null) {
            b.choice("model source", "shared");
            return;
        }
        b.choice("model source", "per-key").choice("model", family).integer("reference-size", referenceSize);
        if (family == Family.MIXTURE) {
            b.integer("components", components);
        }
    }

    /** Upper bound of a fitted model's encoding. */
    public int fittedBytes() {
        return ModelCodec.mixtureBytes(family == Family.GAUSSIAN ? 1 : components, d);
    }

    private static ScoreModel fit(Family family, int k, double[] x, int n, int d, long seed) {
        return family == Family.GAUSSIAN ? ModelFitting.gaussian(x, n, d) : ModelFitting.mixture(x, n, d, k, seed);
    }

    private static GaussianMixtureModel mixture(String weights, String means, String variances, int d) {
        String[] rows = means.split(";");
        int k = rows.length;
        double[][] mu = new double[k][];
        double[][] cov = new double[k][];
        String[] varRows = variances == null ? null : variances.split(";");
        if (varRows != null && varRows.length != k) {
            throw new IllegalArgumentException("parameter 'variances' needs " + k + " components, got " + varRows.length);
        }
        for (int c = 0; c < k; c++) {
            mu[c] = vector("means", rows[c], d);
            double[] v;
            if (varRows == null) {
                v = null;
            } else {
                double[] given = numbers("variances", varRows[c]);
                if (given.length == 1) {
                    v = new double[d];
                    java.util.Arrays.fill(v, given[0]);
                } else if (given.length == d) {
                    v = given;
                } else {
                    throw new IllegalArgumentException("parameter 'variances': component " + c + " needs 1 or " + d
                            + " values, got " + given.length);
                }
            }
            cov[c] = diagonal(v, d);
        }
        double[] w;
        if (weights == null) {
            w = new double[k];
            java.util.Arrays.fill(w, 1.0 / k);
        } else {
            w = numbers("weights", weights);
            if (w.length != k) {
                throw new IllegalArgumentException("parameter 'weights' needs " + k + " values, got " + w.length);
            }
        }
        return new GaussianMixtureModel(w, mu, cov);
    }

    private static double[] diagonal(double[] v, int d) {
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            double x = v == null ? 1.0 : v[i];
            if (!(x > 0)) {
                throw new IllegalArgumentException("variances must be > 0, got " + x);
            }
            a[i * d + i] = x;
        }
        return a;
    }

    private static double[] matrix(String name, String text, int d) {
        String[] rows = text.split(";");
        if (rows.length != d) {
            throw new IllegalArgumentException("parameter '" + name + "' needs " + d + " rows separated by ';', got "
                    + rows.length);
        }
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(vector(name, rows[i], d), 0, a, i * d, d);
        }
        return a;
    }

    private static double[] vector(String name, String text, int d) {
        double[] v = numbers(name, text);
        if (v.length != d) {
            throw new IllegalArgumentException("parameter '" + name + "' needs " + d + " numbers, got " + v.length
                    + " in '" + text + "'");
        }
        return v;
    }

    private static double[] numbers(String name, String text) {
        String[] parts = text.strip().split("\\s*,\\s*|\\s+");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("parameter '" + name + "': '" + parts[i] + "' is not a number");
            }
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("parameter '" + name + "': '" + parts[i] + "' is not finite");
            }
        }
        return v;
    }
}
