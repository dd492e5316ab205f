package io.witness.operators.ksd;

import io.witness.operators.monitor.ExplanationValue;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * A fixed-n goodness-of-fit test run on one window: the KSD test, or pKSD's spKSD / ospKSD. The
 * windowed monitor ({@link WindowedGofModel}) supplies the window in arrival order (oldest first).
 */
public interface GofTest {

    /** What one window's test concluded; {@code explanation} entries are method-specific. */
    record Outcome(double statistic, double pValue, Map<String, ExplanationValue> explanation) {
    }

    Outcome run(double[] x, int n, ScoreModel model, SplittableRandom rng);

    /**
     * The window's statistic and explanation without its bootstrap (p-value NaN), for a caller that
     * calibrates otherwise ({@link FittedNull}). Draws from {@code rng} as {@link #run} does up to its bootstrap.
     */
    Outcome measure(double[] x, int n, ScoreModel model, SplittableRandom rng);

    /**
     * One draw of {@link FittedNull}: the statistic of a window {@code x} sampled from {@code fitted},
     * against the model refitted on a reference sampled from it.
     */
    default double nullStatistic(double[] x, int n, ScoreModel refit, ScoreModel fitted, SplittableRandom rng) {
        return measure(x, n, refit, rng).statistic();
    }

    /** Short name for explanations. */
    String name();
}
