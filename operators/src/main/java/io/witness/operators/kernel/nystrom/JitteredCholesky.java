package io.witness.operators.kernel.nystrom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * The lower Cholesky factor L of {@code K + εI} for a kernel matrix K of M centres, through EJML
 * (spec kernel-tests.md §0.3: Falkon's diagonal jitter {@code ε = 1e-13·M} in double precision, scaled
 * here by {@code k(x,x)}, which is 1 for every default family). K is only positive <em>semi</em>-definite
 * — duplicated or near-duplicated centres give zero eigenvalues — and the jitter lifts them above the
 * rounding error of the factorisation (≈ 1e-16·M·k(x,x)). If the factorisation still fails (severely
 * ill-conditioned input), ε is multiplied by 10, at most {@value #MAX_ESCALATIONS} times, so the float32
 * level {@code 1e-5·M} is the last attempt; the ε finally used is reported. Non-finite entries fail at once.
 */
public final class JitteredCholesky {

    /** Falkon's double-precision jitter per centre (§0.3). */
    public static final double JITTER_PER_CENTRE = 1e-13;
    public static final int MAX_ESCALATIONS = 8;

    private final int size;
    private final double[] lower;
    private final double jitter;

    private JitteredCholesky(int size, double[] lower, double jitter) {
        this.size = size;
        this.lower = lower;
        this.jitter = jitter;
    }

    /**
     * Factors {@code k + εI}, k row-major {@code m × m} and symmetric (not modified).
     *
     * @param diagonalScale the kernel's {@code k(x,x)}; ε starts at {@code 1e-13·m·diagonalScale}
     * @throws IllegalArgumentException on non-finite entries or when no ε up to the cap works
     */
    public static JitteredCholesky factor(double[] k, int m, double diagonalScale) {
        for (int i = 0; i < m * m; i++) {
            if (!Double.isFinite(k[i])) {
                throw new IllegalArgumentException("kernel matrix has a non-finite entry at " + i);
            }
        }
        double scale = diagonalScale > 0 && Double.isFinite(diagonalScale) ? diagonalScale : 1.0;
        double eps = JITTER_PER_CENTRE * m * scale;
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(m, true);
        for (int attempt = 0; attempt <= MAX_ESCALATIONS; attempt++, eps *= 10) {
            DMatrixRMaj a = new DMatrixRMaj(m, m);
            System.arraycopy(k, 0, a.data, 0, m * m);
            for (int i = 0; i < m; i++) {
                a.data[i * m + i] += eps;
            }
            if (chol.decompose(a)) {
                double[] l = chol.getT(null).data;
                if (positiveDiagonal(l, m)) {
                    return new JitteredCholesky(m, l, eps);
                }
            }
        }
        throw new IllegalArgumentException("Cholesky failed even with jitter " + eps / 10 + " on " + m + " centres");
    }

    private static boolean positiveDiagonal(double[] l, int m) {
        for (int i = 0; i < m; i++) {
            double v = l[i * m + i];
            if (!(v > 0) || !Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    public int size() {
        return size;
    }

    /** L, row-major, zero above the diagonal. Do not modify. */
    public double[] lower() {
        return lower;
    }

    /** The ε that was added to the diagonal. */
    public double jitter() {
        return jitter;
    }
}
