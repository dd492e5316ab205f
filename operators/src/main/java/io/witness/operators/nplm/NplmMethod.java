package io.witness.operators.nplm;

import io.witness.operators.monitor.SplitMix64;
import io.witness.operators.files.ReferenceSample;
import io.witness.operators.files.ReferenceSample.Field;
import io.witness.operators.monitor.MonitorMethod;
import io.witness.operators.monitor.Params;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code method: nplm} — does a window of a key's events still look like the reference? NPLM
 * (D'Agnolo &amp; Wulzer; Letizia et al. 2022; Grosso et al. 2023) with logistic Falkon, spec
 * kernel-tests.md §C: per window, a kernel logistic regression of the window against the reference
 * learns the log density ratio f; the likelihood-ratio statistic t is calibrated by
 * reference-vs-reference toys.
 *
 * <table>
 * <caption>parameters</caption>
 * <tr><th>name</th><th>default</th><th>values</th></tr>
 * <tr><td>window</td><td>200</td><td>10 … 100 000 events (N_D)</td></tr>
 * <tr><td>slide</td><td>= window (tumbling)</td><td>1 … window</td></tr>
 * <tr><td>reference</td><td>learnt per key</td><td>a CSV or JSON-lines file ({@link ReferenceSample})</td></tr>
 * <tr><td>reference-size</td><td>2000</td><td>≥ 2·window (P: reservoir size / cap on the file's rows)</td></tr>
 * <tr><td>reference-events</td><td>= reference-size</td><td>≥ reference-size (learnt: the reservoir covers these first events)</td></tr>
 * <tr><td>field-names</td><td>x[0], x[1], …</td><td>comma-separated, as in the config ({@code cpu, emb[8]})</td></tr>
 * <tr><td>standardise</td><td>true</td><td>standardise fields with the reference mean and deviation</td></tr>
 * <tr><td>bandwidth</td><td>auto</td><td>auto (90th percentile of distances, rounded to 0.1) or σ &gt; 0 (standardised units)</td></tr>
 * <tr><td>centres</td><td>auto = ⌈√P⌉</td><td>1 … P</td></tr>
 * <tr><td>lambda</td><td>1e-6</td><td>(0, 1]</td></tr>
 * <tr><td>newton-steps</td><td>1</td><td>1 … 50 (NPLM: 1)</td></tr>
 * <tr><td>cg-tolerance</td><td>√1e-7</td><td>[0, 1]</td></tr>
 * <tr><td>cg-max-iterations</td><td>1000</td><td>1 … 100 000</td></tr>
 * <tr><td>knm</td><td>auto</td><td>auto | materialised | streamed</td></tr>
 * <tr><td>null-toys</td><td>100</td><td>20 … 10 000</td></tr>
 * <tr><td>fit-level</td><td>0.05</td><td>[0, 1): KS level below which χ² is refused</td></tr>
 * <tr><td>top-events</td><td>3</td><td>0 … 20</td></tr>
 * <tr><td>resolve-after</td><td>3</td><td>≥ 1 windows</td></tr>
 * <tr><td>seed</td><td>42</td><td>any long</td></tr>
 * </table>
 */
public final class NplmMethod implements MonitorMethod {

    public static final String NAME = "nplm";
    public static final String ROLE = "x";
    public static final int MAX_WINDOW = 100_000;
    public static final int MAX_REFERENCE = 1_000_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> roleNames() {
        return List.of(ROLE);
    }

    @Override
    public NplmFactory configure(Map<String, Integer> roleDimensions, double alpha, Map<String, Object> params) {
        NplmParameters p = parse(roleDimensions, alpha, params);
        return new NplmFactory(p, p.learnt() ? null : loadReference(p, fieldsOf(params)));
    }

    /**
     * Reads the reference file; more rows than {@code reference-size} are cut to a seeded uniform
     * subsample of that size (order kept); fewer than {@code 2·window} rows are an error (each test
     * needs at least as many reference points as window points, §C.6 item 5).
     */
    static ReferenceModel loadReference(NplmParameters p, List<Field> fields) {
        int d = p.dimension();
        ReferenceSample.Rows rows;
        try {
            rows = ReferenceSample.read(p.referenceFile(), d, fields, "field-names", Integer.MAX_VALUE / d);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter 'reference': " + e.getMessage(), e);
        }
        int n = rows.count();
        if (n == 0) {
            throw new IllegalArgumentException("parameter 'reference': " + p.referenceFile() + " holds no events");
        }
        if (n < 2 * p.window()) {
            throw new IllegalArgumentException("parameter 'reference': " + p.referenceFile() + " holds " + n
                    + " events; a window of " + p.window() + " needs at least " + 2 * p.window());
        }
        double[] raw = rows.values();
        if (n > p.referenceSize()) {
            int[] keep = io.witness.operators.kernel.nystrom.UniformCentres.select(n, p.referenceSize(),
                    SplitMix64.nth(p.seed(), NplmSeeds.FILE_SUBSAMPLE));
            java.util.Arrays.sort(keep);
            double[] sub = new double[keep.length * d];
            for (int i = 0; i < keep.length; i++) {
                System.arraycopy(raw, keep[i] * d, sub, i * d, d);
            }
            raw = sub;
            n = keep.length;
        }
        return ReferenceModel.learn(raw, n, d, p.standardise(), p.bandwidth(), SplitMix64.nth(p.seed(), NplmSeeds.BANDWIDTH));
    }

    public static NplmParameters parse(Map<String, Integer> roleDimensions, double alpha, Map<String, Object> params) {
        Integer dim = roleDimensions == null ? null : roleDimensions.get(ROLE);
        if (dim == null || dim < 1) {
            throw new IllegalArgumentException("role '" + ROLE + "' needs at least one field, got " + dim);
        }
        int d = dim;
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        Params p = new Params(params);
        int window = p.getInt("window", 200, 10, MAX_WINDOW);
        int slide = p.getInt("slide", window, 1, window);
        Path reference = null;
        if (p.has("reference")) {
            String r = params.get("reference").toString().trim();
            if (r.isEmpty()) {
                throw new IllegalArgumentException("parameter 'reference' must name a file");
            }
            reference = Path.of(r);
        }
        int referenceSize = p.getInt("reference-size", 2000, 2 * window, MAX_REFERENCE);
        int referenceEvents = p.getInt("reference-events", referenceSize, referenceSize, Integer.MAX_VALUE);
        if (reference != null && p.has("reference-events")) {
            throw new IllegalArgumentException("parameter 'reference-events' applies to a learnt reference only "
                    + "(remove it, or remove 'reference')");
        }
        List<Field> fields = null;
        List<String> names = FieldNames.defaults(d);
        if (p.has("field-names")) {
            fields = FieldNames.parse(params.get("field-names").toString());
            names = FieldNames.expand(fields);
            if (names.size() != d) {
                throw new IllegalArgumentException("parameter 'field-names' names " + names.size()
                        + " inputs but the monitor's fields have " + d);
            }
        }
        boolean standardise = p.getBoolean("standardise", true);
        double bandwidth = Double.NaN;
        if (p.has("bandwidth") && !"auto".equalsIgnoreCase(params.get("bandwidth").toString().trim())) {
            bandwidth = p.getDouble("bandwidth", Double.NaN, 0.0, 1e6);
            if (bandwidth <= 0) {
                throw new IllegalArgumentException("parameter 'bandwidth' must be > 0 or auto, got " + bandwidth);
            }
        }
        int centres = 0;
        if (p.has("centres") && !"auto".equalsIgnoreCase(params.get("centres").toString().trim())) {
            centres = p.getInt("centres", 0, 1, referenceSize);
        }
        double lambda = p.getDouble("lambda", 1e-6, Double.MIN_NORMAL, 1.0);
        int newtonSteps = p.getInt("newton-steps", 1, 1, 50);
        double cgTolerance = p.getDouble("cg-tolerance", FalkonLogisticSolver.NPLM_CG_TOLERANCE, 0.0, 1.0);
        int cgMax = p.getInt("cg-max-iterations", 1000, 1, 100_000);
        KnmMode knm = p.getEnum("knm", KnmMode.class, KnmMode.AUTO);
        int toys = p.getInt("null-toys", 100, 20, 10_000);
        double fitLevel = p.getDouble("fit-level", NplmNullCalibration.DEFAULT_FIT_LEVEL, 0.0, 0.999);
        int top = p.getInt("top-events", 3, 0, 20);
        int resolveAfter = p.getInt("resolve-after", 3, 1, 1_000_000);
        long seed = p.getLong("seed", 42L);
        p.rejectUnknown();
        FalkonLogisticSolver.Settings solver = new FalkonLogisticSolver.Settings(lambda, newtonSteps, cgTolerance,
                cgMax, knm);
        return new NplmParameters(d, alpha, window, slide, reference, names, referenceSize,
                referenceEvents, standardise, bandwidth, centres, solver, toys, fitLevel, top, resolveAfter, seed);
    }

    /** The {@code field-names} as fields (for the reference file), or null when not configured. */
    static List<Field> fieldsOf(Map<String, Object> params) {
        Object v = params == null ? null : params.get("field-names");
        return v == null ? null : FieldNames.parse(v.toString());
    }

    /** For callers outside the configuration (tests, benchmarks): d inputs, α, parameters. */
    public static NplmFactory with(int d, double alpha, Map<String, Object> params) {
        return new NplmMethod().configure(Map.of(ROLE, d), alpha, params);
    }
}
