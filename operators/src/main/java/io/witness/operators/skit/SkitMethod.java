package io.witness.operators.skit;

import io.witness.operators.bettors.BettorKind;
import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.monitor.MonitorMethod;
import io.witness.operators.monitor.Params;

import java.util.List;
import java.util.Map;

/**
 * {@code method: skit} — sequential kernel independence test by betting (Podkopaev et al., ICML 2023;
 * spec §A). Decides whether the {@code x} and {@code y} roles of a stream are dependent, with
 * anytime-valid false-alarm control at level α.
 *
 * <p>Parameters (all optional):
 * <table>
 * <tr><th>name</th><th>default</th><th>range / values</th></tr>
 * <tr><td>witness</td><td>rff when x and y have one field each, else joint</td><td>rff | joint | exact</td></tr>
 * <tr><td>features</td><td>20 (rff), 256 (joint)</td><td>1..1024 (D per side for rff, J for joint)</td></tr>
 * <tr><td>precision</td><td>float</td><td>double | float (running means of rff and joint)</td></tr>
 * <tr><td>bettor</td><td>ons</td><td>ons | agrapa | mixture</td></tr>
 * <tr><td>ons-truncation</td><td>0.5</td><td>(0, 1)</td></tr>
 * <tr><td>agrapa-truncation</td><td>0.9</td><td>(0, 1)</td></tr>
 * <tr><td>burn-in</td><td>200 (0 with fixed bandwidths)</td><td>≥ 2; 0 only with fixed bandwidths</td></tr>
 * <tr><td>bandwidth-x, bandwidth-y</td><td>median heuristic</td><td>σ &gt; 0; both or neither</td></tr>
 * <tr><td>forgetting</td><td>0</td><td>[0, 0.5] (η, rff)</td></tr>
 * <tr><td>max-history</td><td>1000</td><td>2..100000 points (exact)</td></tr>
 * <tr><td>seed</td><td>42</td><td>any long</td></tr>
 * <tr><td>resolve-after</td><td>1000</td><td>≥ 1 bets</td></tr>
 * </table>
 * A key's state keeps the witness, D, precision, bettor and seed it started with ({@link SkitStateShape}).
 */
public final class SkitMethod implements MonitorMethod {

    public static final String NAME = "skit";
    public static final int MAX_BURN_IN = 100_000;
    public static final int MAX_HISTORY_LIMIT = 100_000;
    public static final int MAX_FEATURES = 1024;
    /** A state stores dx and dy as unsigned shorts. */
    public static final int MAX_ROLE_DIMENSION = 65_535;
    /** The default D of format version 1, which a version-1 state was written with unless D was configured. */
    public static final int VERSION1_DEFAULT_FEATURES = 64;

    /** The default D of the tensor witness with 1-D roles (state 8 + 4·(4D + 4D²) bytes in float). */
    public static final int DEFAULT_TENSOR_FEATURES = 20;
    /** The default J of the joint witness (state 8 + 4·6J bytes in float, whatever the dimensions). */
    public static final int DEFAULT_JOINT_FEATURES = 256;

    /**
     * The default witness for the roles' dimensions (the study in operators/README.md, "SKIT: state
     * size"): with one field per role the tensor form of §A.4.2 at D = 20 stops as fast as D = 64 did;
     * with more fields the joint-frequency form of §A.4.2b stops faster than any tensor D at a fraction
     * of the bytes, its state does not grow with the dimension, and its cost is linear in it.
     */
    public static WitnessKind defaultWitness(int dx, int dy) {
        return dx == 1 && dy == 1 ? WitnessKind.RFF : WitnessKind.JOINT;
    }

    /** The default number of frequencies of a witness kind (unused by exact). */
    public static int defaultFeatures(WitnessKind witness) {
        return witness == WitnessKind.JOINT ? DEFAULT_JOINT_FEATURES : DEFAULT_TENSOR_FEATURES;
    }

    /** The default precision of the running means: float, at no measured cost in level or power. */
    public static MeanPrecision defaultPrecision() {
        return MeanPrecision.FLOAT;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> roleNames() {
        return List.of("x", "y");
    }

    @Override
    public SkitFactory configure(Map<String, Integer> roleDimensions, double alpha, Map<String, Object> params) {
        return new SkitFactory(parse(roleDimensions, alpha, params));
    }

    /** Validates everything; each error names its parameter. */
    public static SkitParameters parse(Map<String, Integer> roleDimensions, double alpha, Map<String, Object> params) {
        int dx = MonitorMethod.roleDimension(roleDimensions, "x");
        int dy = MonitorMethod.roleDimension(roleDimensions, "y");
        MonitorMethod.requireAlpha(alpha);
        Params p = new Params(params);
        WitnessKind witness = p.getEnum("witness", WitnessKind.class, defaultWitness(dx, dy));
        if (dx > MAX_ROLE_DIMENSION || dy > MAX_ROLE_DIMENSION) {
            throw new IllegalArgumentException("SKIT roles x and y may have at most " + MAX_ROLE_DIMENSION
                    + " fields each, got " + dx + " and " + dy);
        }
        boolean featuresSet = p.has("features");
        int features = p.getInt("features", defaultFeatures(witness), 1, MAX_FEATURES);
        int version1Features = featuresSet ? features : VERSION1_DEFAULT_FEATURES;
        MeanPrecision precision = p.getEnum("precision", MeanPrecision.class, defaultPrecision());
        BettorKind bettor = p.getEnum("bettor", BettorKind.class, BettorKind.ONS);
        double onsTruncation = p.getOpenUnit("ons-truncation", 0.5);
        double agrapaTruncation = p.getOpenUnit("agrapa-truncation", 0.9);
        boolean hasX = p.has("bandwidth-x");
        boolean hasY = p.has("bandwidth-y");
        if (hasX != hasY) {
            String missing = hasX ? "bandwidth-y" : "bandwidth-x";
            String given = hasX ? "bandwidth-x" : "bandwidth-y";
            throw new IllegalArgumentException("parameter '" + missing + "' is required when '" + given
                    + "' is set (fix both bandwidths or neither)");
        }
        double bandwidthX = hasX ? p.getOptionalPositive("bandwidth-x") : Double.NaN;
        double bandwidthY = hasY ? p.getOptionalPositive("bandwidth-y") : Double.NaN;
        boolean fixed = hasX;
        int burnIn = p.getInt("burn-in", fixed ? 0 : 200, 0, MAX_BURN_IN);
        if (!fixed && burnIn < 2) {
            throw new IllegalArgumentException("parameter 'burn-in' must be at least 2 when the bandwidths are set "
                    + "by the median heuristic (0 needs bandwidth-x and bandwidth-y), got " + burnIn);
        }
        double forgetting = p.getDouble("forgetting", 0.0, 0.0, 0.5);
        int maxHistory = p.getInt("max-history", 1000, 2, MAX_HISTORY_LIMIT);
        long seed = p.getLong("seed", 42L);
        int resolveAfter = p.getInt("resolve-after", 1000, 1, Integer.MAX_VALUE);
        p.rejectUnknown();
        return new SkitParameters(dx, dy, alpha, witness, features, precision, version1Features, bettor,
                onsTruncation, agrapaTruncation,
                burnIn, bandwidthX, bandwidthY, forgetting, maxHistory, seed, resolveAfter);
    }

    /** Convenience for callers that already hold parameters: same as {@link #configure}. */
    public static MonitorFactory factory(Map<String, Integer> roleDimensions, double alpha, Map<String, Object> params) {
        return new SkitMethod().configure(roleDimensions, alpha, params);
    }
}
