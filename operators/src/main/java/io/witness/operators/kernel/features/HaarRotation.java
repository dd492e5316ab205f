package io.witness.operators.kernel.features;

import io.witness.operators.kernel.GaussianSampler;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * A random rotation distributed by the Haar measure on O(d) (spec online-methods.md §E.1 step 3).
 * QR of a matrix of standard normals gives an orthogonal Q, but Q alone is <em>not</em> Haar: the
 * Householder QR fixes the signs of diag(R) by its own convention, which biases Q. Multiplying column j
 * of Q by {@code sign(R_jj)} makes the factorisation unique (R with a positive diagonal) and the
 * result exactly Haar (Mezzadri 2007, "How to generate random matrices from the classical compact
 * groups").
 */
public final class HaarRotation {

    private HaarRotation() {
    }

    /** A new {@code d × d} Haar-orthogonal matrix, row-major, drawing d² normals from {@code sampler}. */
    public static double[] draw(int d, GaussianSampler sampler) {
        DMatrixRMaj g = new DMatrixRMaj(d, d);
        for (int i = 0; i < d * d; i++) {
            g.data[i] = sampler.next();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(d, d);
        if (!qr.decompose(g)) {
            // A Gaussian matrix is singular with probability 0; EJML's Householder QR does not fail on
            // singular input either, so this is a broken invariant, not bad data.
            throw new IllegalStateException("QR decomposition failed");
        }
        DMatrixRMaj q = qr.getQ(null, false);
        DMatrixRMaj r = qr.getR(null, false);
        double[] out = q.data.clone();
        for (int j = 0; j < d; j++) {
            if (r.get(j, j) < 0) {
                for (int i = 0; i < d; i++) {
                    out[i * d + j] = -out[i * d + j];
                }
            }
        }
        return out;
    }
}
