package io.witness.operators.ksd;

import io.witness.operators.monitor.MonitorMethod;
import io.witness.operators.monitor.Params;

import java.util.List;
import java.util.Map;

/**
 * {@code method: ksd} — kernel Stein discrepancy goodness-of-fit test on count windows (spec §B.2–B.4,
 * §B.6): does a key's recent data fit a model density? One role, {@code x}. Parameters (all optional;
 * model parameters in {@link ModelSpec}, window in {@link WindowSpec}):
 * <table>
 * <tr><th>name</th><th>default</th><th>range / values</th></tr>
 * <tr><td>kernel</td><td>imq</td><td>imq (c = 1, β = −½) | gaussian</td></tr>
 * <tr><td>bandwidth</td><td>median heuristic on the window</td><td>ℓ (IMQ) or σ (Gaussian) &gt; 0</td></tr>
 * <tr><td>statistic</td><td>v</td><td>u | v (n·V)</td></tr>
 * <tr><td>bootstrap</td><td>wild (multinomial for u)</td><td>multinomial (u only) | wild</td></tr>
 * <tr><td>wild-flip-probability</td><td>0 (i.i.d. signs)</td><td>[0, 0.5]: Markov sign-flip process for
 *     autocorrelated events</td></tr>
 * <tr><td>bootstrap-draws</td><td>500</td><td>50..10000: B of the bootstrap per window</td></tr>
 * <tr><td>calibration</td><td>refit for a fitted model, else bootstrap</td><td>bootstrap | refit ({@link Calibration})</td></tr>
 * <tr><td>null-draws</td><td>200</td><td>50..10000: B of the refit null, simulated once per fitted model</td></tr>
 * <tr><td>window, hop</td><td>200, = window</td><td>see {@link WindowSpec}</td></tr>
 * <tr><td>seed</td><td>42</td><td>any long</td></tr>
 * </table>
 */
public final class KsdMethod implements MonitorMethod {

    public static final String NAME = "ksd";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> roleNames() {
        return List.of("x");
    }

    @Override
    public WindowedGofFactory configure(Map<String, Integer> roleDimensions, double alpha, Map<String, Object> params) {
        int d = MonitorMethod.roleDimension(roleDimensions, "x");
        Params p = new Params(params);
        KsdTest test = parseTest(p);
        requireDrawsForAlpha(test.draws(), alpha);
        WindowSpec window = WindowSpec.parse(p, 200);
        long seed = p.getLong("seed", 42L);
        ModelSpec model = ModelSpec.parse(p, d, seed);
        Calibration calibration = Calibration.parse(p, model, test.flipChance());
        int nullDraws = Calibration.nullDraws(p, calibration, alpha);
        p.rejectUnknown();
        return new WindowedGofFactory(NAME, alpha, model, window, new KsdGofTest(test), seed, calibration, nullDraws);
    }

    /** The test parameters shared with pKSD's plain-KSD part. */
    static KsdTest parseTest(Params p) {
        SteinKernel.Base base = p.getEnum("kernel", SteinKernel.Base.class, SteinKernel.Base.IMQ);
        double bandwidth = p.getOptionalPositive("bandwidth");
        KsdStatistic statistic = p.getEnum("statistic", KsdStatistic.class, KsdStatistic.V);
        KsdBootstrap.Kind bootstrap = p.getEnum("bootstrap", KsdBootstrap.Kind.class,
                statistic == KsdStatistic.U ? KsdBootstrap.Kind.MULTINOMIAL : KsdBootstrap.Kind.WILD);
        if (!KsdBootstrap.supports(bootstrap, statistic)) {
            throw new IllegalArgumentException("parameter 'bootstrap': multinomial calibrates 'statistic: u' only");
        }
        double flip = p.getDouble("wild-flip-probability", 0.0, 0.0, 0.5);
        if (flip > 0 && bootstrap != KsdBootstrap.Kind.WILD) {
            throw new IllegalArgumentException("parameter 'wild-flip-probability' needs 'bootstrap: wild'");
        }
        int draws = p.getInt("bootstrap-draws", 500, 50, 10_000);
        return new KsdTest(base, bandwidth, statistic, bootstrap, draws, flip);
    }

    /**
     * A bootstrap p-value is at least 1/(B+1): with fewer draws than 1/α − 1 no window could ever alarm,
     * so that configuration is an error.
     */
    public static void requireDrawsForAlpha(int draws, double alpha) {
        if (1.0 / (draws + 1) > alpha) {
            throw new IllegalArgumentException("parameter 'bootstrap-draws' = " + draws + " cannot give a p-value ≤ alpha = "
                    + alpha + " (the smallest is 1/(draws+1)); use at least " + (long) Math.ceil(1 / alpha - 1));
        }
    }
}
