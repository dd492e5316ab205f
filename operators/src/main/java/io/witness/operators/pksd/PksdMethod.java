package io.witness.operators.pksd;

import io.witness.operators.ksd.Calibration;
import io.witness.operators.ksd.KsdMethod;
import io.witness.operators.ksd.ModelSpec;
import io.witness.operators.ksd.WindowSpec;
import io.witness.operators.ksd.WindowedGofFactory;
import io.witness.operators.monitor.MonitorMethod;
import io.witness.operators.monitor.Params;

import java.util.List;
import java.util.Map;

/**
 * {@code method: pksd} — perturbed kernel Stein discrepancy test on count windows (Liu, Duncan &amp;
 * Gandy, ICML 2023; spec §B.5): KSD made sensitive to changed <em>weights</em> of well-separated modes
 * of a mixture, which plain KSD cannot see. Role {@code x}; model parameters as {@code ksd}
 * ({@link ModelSpec}, typically {@code model: mixture}); window as {@link WindowSpec}. Further parameters:
 * <table>
 * <tr><th>name</th><th>default</th><th>range / values</th></tr>
 * <tr><td>test</td><td>spksd</td><td>spksd | ospksd (one perturbation chosen on half the window)</td></tr>
 * <tr><td>steps</td><td>10</td><td>2..100: T (T − 1 MH steps per point)</td></tr>
 * <tr><td>jump-scales</td><td>21</td><td>1..41 values evenly in [0.5, 1.5]</td></tr>
 * <tr><td>mode-starts</td><td>50</td><td>1..1000 BFGS start points</td></tr>
 * <tr><td>bootstrap-draws</td><td>500</td><td>50..10000: B of the bootstrap per window</td></tr>
 * <tr><td>calibration</td><td>refit for a fitted model, else bootstrap</td><td>bootstrap | refit (as {@code ksd})</td></tr>
 * <tr><td>null-draws</td><td>200</td><td>50..10000: B of the refit null (as {@code ksd})</td></tr>
 * <tr><td>window, hop</td><td>200, = window</td><td></td></tr>
 * <tr><td>seed</td><td>42</td><td></td></tr>
 * </table>
 * The kernel is fixed to IMQ with the median ℓ of each (perturbed) window, as in the paper's code.
 */
public final class PksdMethod implements MonitorMethod {

    public static final String NAME = "pksd";

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
        PksdGofTest.Variant variant = p.getEnum("test", PksdGofTest.Variant.class, PksdGofTest.Variant.SPKSD);
        int steps = p.getInt("steps", 10, 2, 100);
        int scales = p.getInt("jump-scales", 21, 1, 41);
        int starts = p.getInt("mode-starts", 50, 1, 1000);
        int draws = p.getInt("bootstrap-draws", 500, 50, 10_000);
        KsdMethod.requireDrawsForAlpha(draws, alpha);
        WindowSpec window = WindowSpec.parse(p, 200);
        long seed = p.getLong("seed", 42L);
        ModelSpec model = ModelSpec.parse(p, d, seed);
        Calibration calibration = Calibration.parse(p, model, 0);
        int nullDraws = Calibration.nullDraws(p, calibration, alpha);
        p.rejectUnknown();
        double[] thetas = new double[scales];
        for (int i = 0; i < scales; i++) {
            thetas[i] = scales == 1 ? 1.0 : 0.5 + i / (scales - 1.0);
        }
        PksdGofTest test = new PksdGofTest(variant, new PerturbedKsd(steps, thetas, draws), starts, seed);
        return new WindowedGofFactory(NAME, alpha, model, window, test, seed, calibration, nullDraws);
    }
}
