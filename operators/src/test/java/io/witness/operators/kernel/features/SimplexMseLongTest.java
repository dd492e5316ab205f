package io.witness.operators.kernel.features;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/** Spec online-methods.md §E.1's table at its own size, 20 000 draws per coupling and row. */
@Tag("long")
class SimplexMseLongTest {

    static Stream<Integer> rows() {
        return SimplexMseTest.rows();
    }

    @ParameterizedTest(name = "row {0}")
    @MethodSource("rows")
    void reproducesTheSpecRow(int index) {
        SimplexMseTest.assertRow(SimplexMseTable.ROWS.get(index), SimplexMseTable.SPEC_DRAWS, 9000 + 10L * index, 4.0);
    }
}
