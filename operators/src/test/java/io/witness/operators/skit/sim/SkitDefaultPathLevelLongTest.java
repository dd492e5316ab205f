package io.witness.operators.skit.sim;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SkitDefaultPathLevelTest} with 500 runs per independent stream (§A.1 points 1 and 3).
 * Tagged long: {@code mvn -o -pl operators test -Plong}.
 */
@Tag("long")
class SkitDefaultPathLevelLongTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gaussian", "heavy-tailed", "drifting"})
    void holdsLevelOnIndependentStreams(String kind) {
        PairedStream.Source stream = switch (kind) {
            case "gaussian" -> PairedStreams.gaussianLinear(0.0);
            case "heavy-tailed" -> PairedStreams.heavyTailedIndependent();
            case "drifting" -> PairedStreams.driftingIndependent();
            default -> throw new IllegalArgumentException(kind);
        };
        SimulationSummary s = DefaultPathConfig.simulate("default " + kind + " independent", stream, 500,
                6000 + kind.length());
        System.out.println(s.line());
        SpecComparison.assertLevel(s, DefaultPathConfig.ALPHA);
    }
}
