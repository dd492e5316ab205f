package io.witness.operators.mmd;

import io.witness.operators.monitor.MonitorMethod;
import io.witness.operators.monitor.Params;
import io.witness.operators.bettors.BettorKind;

import java.util.List;
import java.util.Map;

/**
 * {@code method: mmd-betting} — sequential two-sample test by betting (the betting framework of spec
 * §A with an MMD witness): does the live stream of a key still have the law of its reference sample?
 * Anytime-valid: under the null the wealth is a test martingale, so the probability that a test ever
 * alarms is at most α (Ville).
 *
 * <p>Parameters (all optional):
 * <table>
 * <tr><th>name</th><th>default</th><th>range / values</th></tr>
 * <tr><td>reference-size</td><td>500</td><td>10..100000: the first N events of the key</td></tr>
 * <tr><td>events-per-bet</td><td>1</td><td>1..1000: stream events compared with one reference point</td></tr>
 * <tr><td>features</td><td>64</td><td>1..1024 random projections m (2m features)</td></tr>
 * <tr><td>bandwidth</td><td>median heuristic on the reference</td><td>σ &gt; 0</td></tr>
 * <tr><td>bettor</td><td>ons</td><td>ons | agrapa | mixture</td></tr>
 * <tr><td>ons-truncation</td><td>0.5</td><td>(0, 1)</td></tr>
 * <tr><td>agrapa-truncation</td><td>0.9</td><td>(0, 1)</td></tr>
 * <tr><td>seed</td><td>42</td><td>any long</td></tr>
 * <tr><td>resolve-after</td><td>200</td><td>≥ 1 bets</td></tr>
 * </table>
 */
public final class MmdBettingMethod implements MonitorMethod {

    public static final String NAME = "mmd-betting";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> roleNames() {
        return List.of("x");
    }

    @Override
    public MmdBettingFactory configure(Map<String, Integer> roleDimensions, double alpha, Map<String, Object> params) {
        return new MmdBettingFactory(parse(roleDimensions, alpha, params));
    }

    public static MmdBettingParameters parse(Map<String, Integer> roleDimensions, double alpha, Map<String, Object> params) {
        int d = MonitorMethod.roleDimension(roleDimensions, "x");
        MonitorMethod.requireAlpha(alpha);
        Params p = new Params(params);
        int reference = p.getInt("reference-size", 500, 10, 100_000);
        int perBet = p.getInt("events-per-bet", 1, 1, 1000);
        int features = p.getInt("features", 64, 1, 1024);
        double bandwidth = p.getOptionalPositive("bandwidth");
        BettorKind bettor = p.getEnum("bettor", BettorKind.class, BettorKind.ONS);
        double ons = p.getOpenUnit("ons-truncation", 0.5);
        double agrapa = p.getOpenUnit("agrapa-truncation", 0.9);
        long seed = p.getLong("seed", 42L);
        int resolveAfter = p.getInt("resolve-after", 200, 1, Integer.MAX_VALUE);
        p.rejectUnknown();
        return new MmdBettingParameters(d, alpha, reference, perBet, features, bandwidth, bettor, ons, agrapa, seed,
                resolveAfter);
    }
}
