package io.witness.operators.kernel.features;

import io.witness.operators.kernel.GaussianSampler;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The rotation is orthogonal and Haar: the sign fix removes the bias of the raw Householder Q. */
class HaarRotationTest {

    @Test
    void isOrthogonal() {
        int d = 7;
        double[] q = HaarRotation.draw(d, new GaussianSampler(1));
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += q[i * d + k] * q[j * d + k];
                }
                assertThat(s).isCloseTo(i == j ? 1.0 : 0.0, within(1e-13));
            }
        }
    }

    @Test
    void entriesHaveTheHaarMoments() {
        // Haar on O(d): every entry has mean 0 and variance 1/d. 4 000 draws, d = 4: SD of the mean of
        // an entry is √(1/(d·n)) ≈ 0.0079; of the mean square, √(Var(q²)/n) with Var(q²) = E q⁴ − 1/d²
        // = 3/(d(d+2)) − 1/d² ≈ 0.0625, so ≈ 0.0040. Tolerances: 4.5 SDs.
        int d = 4;
        int n = 4000;
        GaussianSampler g = new GaussianSampler(2);
        double[] mean = new double[d * d];
        double[] meanSq = new double[d * d];
        for (int t = 0; t < n; t++) {
            double[] q = HaarRotation.draw(d, g);
            for (int i = 0; i < d * d; i++) {
                mean[i] += q[i] / n;
                meanSq[i] += q[i] * q[i] / n;
            }
        }
        for (int i = 0; i < d * d; i++) {
            assertThat(mean[i]).as("mean of entry %d", i).isCloseTo(0.0, within(4.5 * 0.0079));
            assertThat(meanSq[i]).as("mean square of entry %d", i).isCloseTo(1.0 / d, within(4.5 * 0.0040));
        }
    }

    @Test
    void theRawHouseholderFactorIsBiased() {
        // the control for the test above: without the sign fix some entry's mean is far from 0
        int d = 4;
        int n = 4000;
        GaussianSampler g = new GaussianSampler(2);
        double[] mean = new double[d * d];
        for (int t = 0; t < n; t++) {
            DMatrixRMaj a = new DMatrixRMaj(d, d);
            for (int i = 0; i < d * d; i++) {
                a.data[i] = g.next();
            }
            QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(d, d);
            qr.decompose(a);
            double[] q = qr.getQ(null, false).data;
            for (int i = 0; i < d * d; i++) {
                mean[i] += q[i] / n;
            }
        }
        double worst = 0;
        for (double m : mean) {
            worst = Math.max(worst, Math.abs(m));
        }
        assertThat(worst).isGreaterThan(0.2);
    }
}
