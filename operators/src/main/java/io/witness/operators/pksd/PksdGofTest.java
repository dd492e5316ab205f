package io.witness.operators.pksd;

import io.witness.operators.monitor.ExplanationValue;
import static io.witness.operators.monitor.ExplanationValue.number;
import static io.witness.operators.monitor.ExplanationValue.integer;

import io.witness.operators.ksd.GofTest;
import io.witness.operators.ksd.KsdGofTestExplain;
import io.witness.operators.ksd.ScoreModel;
import io.witness.operators.monitor.Step;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.WeakHashMap;

/**
 * spKSD or ospKSD as a window test. The modes of a model are found once per model object (seeded by
 * {@code seed}, so every key and every replay finds the same ones) and cached weakly: a shared model's
 * modes live as long as the monitor's configuration, a per-key model's as long as its object.
 *
 * @param variant    spksd or ospksd
 * @param tests      the perturbation settings
 * @param modeStarts random BFGS start points in {@code [−10, 10]^d}
 * @param seed       seed of the mode search
 */
public record PksdGofTest(Variant variant, PerturbedKsd tests, int modeStarts, long seed) implements GofTest {

    /** Which perturbed test. */
    public enum Variant {
        SPKSD,
        OSPKSD
    }

    private static final Map<ScoreModel, JumpPerturbation> MODES = Collections.synchronizedMap(new WeakHashMap<>());

    JumpPerturbation perturbation(ScoreModel model) {
        return MODES.computeIfAbsent(model, m -> PerturbedKsd.perturbationFor(m, modeStarts, new SplittableRandom(seed)));
    }

    @Override
    public Outcome run(double[] x, int n, ScoreModel model, SplittableRandom rng) {
        return outcome(tests, x, n, model, perturbation(model), rng);
    }

    @Override
    public Outcome measure(double[] x, int n, ScoreModel model, SplittableRandom rng) {
        return outcome(tests.withoutBootstrap(), x, n, model, perturbation(model), rng);
    }

    /** The refit keeps the fitted model's modes: a mode search per draw would cost more than the draw. */
    @Override
    public double nullStatistic(double[] x, int n, ScoreModel refit, ScoreModel fitted, SplittableRandom rng) {
        return outcome(tests.withoutBootstrap(), x, n, refit, perturbation(fitted).retarget(refit), rng).statistic();
    }

    private Outcome outcome(PerturbedKsd tests, double[] x, int n, ScoreModel model, JumpPerturbation jumps,
                            SplittableRandom rng) {
        PerturbedKsd.Result r = variant == Variant.SPKSD
                ? tests.spksd(x, n, model, jumps, rng)
                : tests.ospksd(x, n, model, jumps, rng);
        Map<String, ExplanationValue> why = new LinkedHashMap<>();
        why.put("modes", integer(jumps.modes()));
        why.put("perturbations", integer(variant == Variant.SPKSD ? tests.thetas().length : 1));
        if (variant == Variant.OSPKSD) {
            why.put("theta", number(r.theta()));
            why.put("tested_events", integer(r.testedPoints()));
        }
        KsdGofTestExplain.coordinates(r.coordinateShares(), why);
        if (variant == Variant.SPKSD) {
            KsdGofTestExplain.points(r.rowSums(), n, why);
        }
        return new Outcome(r.statistic(), r.pValue(), why);
    }

    @Override
    public String name() {
        return variant.name().toLowerCase(java.util.Locale.ROOT);
    }
}
