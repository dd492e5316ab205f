package io.witness.operators.forecast;

import io.witness.operators.kernel.GaussianKernel;
import io.witness.operators.kernel.Kernel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The incremental Cholesky of the ALD dictionary against EJML's dense solve, and the hard cap. */
class AldDictionaryTest {

    @Test
    void betaAndDeltaMatchADenseSolve() {
        Kernel k = new GaussianKernel(1.5);
        AldDictionary d = new AldDictionary(k, 3, 20);
        SplittableRandom rnd = new SplittableRandom(1);
        double[] x = new double[3];
        double[] row = new double[21];
        double[] l = new double[21];
        while (!d.full()) {
            for (int j = 0; j < 3; j++) {
                x[j] = 3 * rnd.nextDouble();
            }
            d.kernelRow(x, row);
            double delta = d.forward(row, l);
            if (delta > 0.01) {
                d.add(x.clone(), l, delta);
            }
        }
        double[][] pts = new double[20][];
        SplittableRandom again = new SplittableRandom(1);
        // rebuild the points by re-running the same selection
        AldDictionary e = new AldDictionary(k, 3, 20);
        int n = 0;
        while (!e.full()) {
            double[] y = {3 * again.nextDouble(), 3 * again.nextDouble(), 3 * again.nextDouble()};
            e.kernelRow(y, row);
            double delta = e.forward(row, l);
            if (delta > 0.01) {
                e.add(y, l, delta);
                pts[n++] = y;
            }
        }
        DMatrixRMaj gram = new DMatrixRMaj(20, 20);
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 20; j++) {
                gram.set(i, j, k.value(pts[i], pts[j]));
            }
        }
        double[] q = {1.1, 0.4, 2.2};
        d.kernelRow(q, row);
        DMatrixRMaj kv = new DMatrixRMaj(20, 1);
        for (int i = 0; i < 20; i++) {
            kv.set(i, 0, row[i]);
        }
        DMatrixRMaj beta = new DMatrixRMaj(20, 1);
        assertThat(CommonOps_DDRM.solve(gram, kv, beta)).isTrue();
        double delta = d.forward(row, l);
        double[] b = new double[20];
        d.backward(l, b);
        for (int i = 0; i < 20; i++) {
            assertThat(b[i]).isCloseTo(beta.get(i, 0), within(1e-8 * (1 + Math.abs(beta.get(i, 0)))));
        }
        double kb = 0;
        for (int i = 0; i < 20; i++) {
            kb += kv.get(i, 0) * beta.get(i, 0);
        }
        assertThat(delta).isCloseTo(1 - kb, within(1e-10));
    }

    @Test
    void theCapFreezesTheDictionaryAndUpdatesContinue() {
        AldDictionary d = new AldDictionary(new GaussianKernel(0.3), 2, 10);
        AogdAld r = new AogdAld(d, 0.01, 2.0);
        SplittableRandom rnd = new SplittableRandom(2);
        for (int t = 0; t < 2000; t++) {
            double[] x = {rnd.nextDouble() * 4, rnd.nextDouble() * 4};
            r.predict(x);
            r.learn(Math.sin(x[0]));
        }
        assertThat(r.dictionarySize()).isEqualTo(10);
        assertThat(r.stateBytes()).isEqualTo(AogdAld.bytesFor(10, 2));
    }
}
