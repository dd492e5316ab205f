package io.witness.operators.skit.sim;

import io.witness.operators.skit.SkitMethod;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state-size study ({@link StateSizeStudy}: 44 configurations, 300 null and 200 dependent runs each)
 * and the spec's RFF rows at version 1's and this build's default ({@link SpecTableSideBySide}); the
 * tables in operators/README.md come from this output. Checks what the default was chosen on: every
 * configuration holds its level, and the default stops no later than version 1's default (D = 64
 * double) at every dimension, within Monte Carlo error. Tagged long:
 * {@code mvn -o -q -pl operators test -Plong -Dtest=SkitStateSizeStudyLongTest} (about 10 CPU-minutes).
 */
@Tag("long")
class SkitStateSizeStudyLongTest {

    @Test
    void theDefaultIsSmallAndAsFastAsVersion1sDefault() {
        List<StateSizeStudy.Row> rows = StateSizeStudy.run(300, 200, 17_000);
        for (StateSizeStudy.Row r : rows) {
            SpecComparison.assertLevel(r.nul(), StateSizeStudy.ALPHA);
        }
        for (int d : StateSizeStudy.DIMENSIONS) {
            StateSizeStudy.Row old = find(rows, d, "rff", 64, "double");
            StateSizeStudy.Row now = d == 1
                    ? find(rows, d, "rff", SkitMethod.DEFAULT_TENSOR_FEATURES, "float")
                    : find(rows, d, "joint", SkitMethod.DEFAULT_JOINT_FEATURES, "float");
            assertThat(now.stateBytes()).as("d = %d", d).isLessThanOrEqualTo(8_000);
            double se = Math.hypot(old.alt().sdStoppingPairs(), now.alt().sdStoppingPairs()) / Math.sqrt(old.alt().runs());
            assertThat(now.alt().meanStoppingPairs()).as("mean stopping time at d = %d", d)
                    .isLessThanOrEqualTo(old.alt().meanStoppingPairs() + 3 * se);
        }
        for (SpecTableSideBySide.Row r : SpecTableSideBySide.run(8_000)) {
            if (r.spec().beta() == 0.0) {
                SpecComparison.assertLevel(r.measured(), GaussianLinearConfig.ALPHA);
            }
        }
    }

    private static StateSizeStudy.Row find(List<StateSizeStudy.Row> rows, int d, String kind, int features,
                                           String precision) {
        return rows.stream()
                .filter(r -> r.d() == d && r.witness().equals(new StateSizeStudy.Witness(kind, features, precision)))
                .findFirst().orElseThrow();
    }
}
