package io.witness.operators.kernel.nystrom;

import io.witness.operators.kernel.GaussianKernel;
import io.witness.operators.kernel.GramSpectrum;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** K_MM Cholesky with Falkon's jitter (spec kernel-tests.md §0.3). */
class JitteredCholeskyTest {

    @Test
    void factorsAGramMatrixWithDuplicatedCentres() {
        int m = 40;
        double[] c = GaussianTargetMmd.standardNormal(m, 2, 3);
        for (int i = 0; i < 10; i++) {
            System.arraycopy(c, i * 2, c, (m - 1 - i) * 2, 2); // ten exact duplicates: rank 30
        }
        double[] k = GramSpectrum.gram(new GaussianKernel(1.0), c, m, 2);
        // the control: without jitter this matrix does not factor
        DMatrixRMaj raw = new DMatrixRMaj(m, m);
        System.arraycopy(k, 0, raw.data, 0, m * m);
        assertThat(DecompositionFactory_DDRM.chol(m, true).decompose(raw)).isFalse();

        JitteredCholesky chol = JitteredCholesky.factor(k, m, 1.0);
        assertThat(chol.jitter()).isEqualTo(1e-13 * m); // the first, Falkon-sized jitter sufficed
        double[] l = chol.lower();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int t = 0; t < m; t++) {
                    s += l[i * m + t] * l[j * m + t];
                }
                assertThat(s).isCloseTo(k[i * m + j] + (i == j ? chol.jitter() : 0), within(1e-12));
                if (j > i) {
                    assertThat(l[i * m + j]).isZero();
                }
            }
        }
    }

    @Test
    void escalatesTheJitterForASlightlyIndefiniteMatrix() {
        // all-ones minus 1e-10·I: eigenvalues −1e-10 (×9) and 10 − 1e-10; 1e-12 and 1e-11 are too small
        int m = 10;
        double[] k = new double[m * m];
        java.util.Arrays.fill(k, 1.0);
        for (int i = 0; i < m; i++) {
            k[i * m + i] -= 1e-10;
        }
        JitteredCholesky chol = JitteredCholesky.factor(k, m, 1.0);
        assertThat(chol.jitter()).isGreaterThan(1e-10).isLessThanOrEqualTo(1e-5 * m);
    }

    @Test
    void rejectsNonFiniteEntriesAndHopelessMatrices() {
        assertThatThrownBy(() -> JitteredCholesky.factor(new double[] {1, Double.NaN, Double.NaN, 1}, 2, 1.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JitteredCholesky.factor(new double[] {1, 0, 0, -1}, 2, 1.0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
