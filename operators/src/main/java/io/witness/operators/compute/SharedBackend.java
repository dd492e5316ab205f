package io.witness.operators.compute;

import io.witness.operators.kernel.FeatureMap;
import io.witness.operators.kernel.Kernel;

/** A per-JVM backend handed to many operators: {@link #close()} does nothing, the JVM's exit ends it. */
final class SharedBackend implements ComputeBackend {

    private final ComputeBackend delegate;

    SharedBackend(ComputeBackend delegate) {
        this.delegate = delegate;
    }

    ComputeBackend delegate() {
        return delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String description() {
        return delegate.description();
    }

    @Override
    public Precision precision() {
        return delegate.precision();
    }

    @Override
    public void gram(Kernel k, double[] a, int n, double[] b, int m, int d, double[] out) {
        delegate.gram(k, a, n, b, m, d, out);
    }

    @Override
    public void kernelTimes(Kernel k, double[] a, int n, double[] b, int m, int d, double[] v, int c, double[] out) {
        delegate.kernelTimes(k, a, n, b, m, d, v, c, out);
    }

    @Override
    public void rowSums(Kernel k, double[] a, int n, double[] b, int m, int d, double[] out) {
        delegate.rowSums(k, a, n, b, m, d, out);
    }

    @Override
    public void columnSums(Kernel k, double[] a, int n, double[] b, int m, int d, double[] out) {
        delegate.columnSums(k, a, n, b, m, d, out);
    }

    @Override
    public void featureMap(FeatureMap map, double invSigma, double[] x, int n, double[] out) {
        delegate.featureMap(map, invSigma, x, n, out);
    }

    @Override
    public void knmTransposeKnm(Kernel k, double[] x, int n, double[] centres, int m, int d,
                                double[] w, double[] v, double[] out) {
        delegate.knmTransposeKnm(k, x, n, centres, m, d, w, v, out);
    }

    /** Shared: stays open for the other operators of this JVM. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "shared " + delegate.description();
    }
}
