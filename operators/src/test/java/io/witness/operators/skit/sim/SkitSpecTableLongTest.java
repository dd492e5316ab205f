package io.witness.operators.skit.sim;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The whole table of spec §A.5.2 — every bettor and β row, with the spec's run counts — each row
 * within {@link MonteCarloTolerance} of the spec. Tagged long: {@code mvn -o -pl operators test -Plong}.
 */
@Tag("long")
class SkitSpecTableLongTest {

    static Stream<Integer> rows() {
        return IntStream.range(0, SpecTable.ROWS.size()).boxed();
    }

    @ParameterizedTest(name = "row {0}")
    @MethodSource("rows")
    void reproducesTheSpecRow(int index) {
        SpecRow spec = SpecTable.ROWS.get(index);
        SpecComparison.assertMatches(GaussianLinearConfig.simulate(spec, spec.runs(), 5000 + index), spec);
    }
}
