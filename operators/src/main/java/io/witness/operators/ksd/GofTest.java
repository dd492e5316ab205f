package io.witness.operators.ksd;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * A fixed-n goodness-of-fit test run on one window: the KSD test, or pKSD's spKSD / ospKSD. The
 * windowed monitor ({@link WindowedGofMonitor}) supplies the window in arrival order (oldest first).
 */
public interface GofTest {

    /** What one window's test concluded; {@code explanation} entries are method-specific. */
    record Outcome(double statistic, double pValue, Map<String, String> explanation) {
    }

    Outcome run(double[] x, int n, ScoreModel model, SplittableRandom rng);

    /** Short name for explanations. */
    String name();
}
