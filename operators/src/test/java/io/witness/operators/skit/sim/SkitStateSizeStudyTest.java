package io.witness.operators.skit.sim;

import io.witness.operators.skit.SkitMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fast sanity version of {@link SkitStateSizeStudyLongTest} at d = 4 per side, where the default
 * changed most (tensor D = 64, 133 KB, to joint J = 256 in float, 6.3 KB): the default holds its level
 * and stops clearly earlier than version 1's default (grid: ~208 against ~357 pairs at β = 0.2).
 */
class SkitStateSizeStudyTest {

    @Test
    void atFourFieldsPerSideTheDefaultHoldsItsLevelAndBeatsVersion1sDefault() {
        StateSizeStudy.Witness now = new StateSizeStudy.Witness("joint", SkitMethod.DEFAULT_JOINT_FEATURES, "float");
        StateSizeStudy.Witness old = new StateSizeStudy.Witness("rff", 64, "double");
        StateSizeStudy.Row a = StateSizeStudy.measure(4, 0.2, now, 60, 30, 91);
        StateSizeStudy.Row b = StateSizeStudy.measure(4, 0.2, old, 1, 30, 93);
        System.out.println(a.markdown());
        System.out.println(b.markdown());
        SpecComparison.assertLevel(a.nul(), StateSizeStudy.ALPHA);
        assertThat(a.stateBytes()).isLessThan(8_000);
        assertThat(a.alt().rejectionRate()).isEqualTo(1.0);
        assertThat(a.alt().meanStoppingPairs()).isLessThan(b.alt().meanStoppingPairs() - 50);
    }
}
