package io.witness.operators.compute;

import io.witness.operators.kernel.FeatureMap;
import io.witness.operators.kernel.Kernel;

/**
 * A backend that hands every call to another one; subclasses override what they change (the per-JVM
 * {@link SharedBackend} its {@code close()}, tests a counter). Forwarding keeps the numbers exactly
 * those of the delegate.
 */
public abstract class ForwardingBackend implements ComputeBackend {

    private final ComputeBackend delegate;

    protected ForwardingBackend(ComputeBackend delegate) {
        this.delegate = delegate;
    }

    protected final ComputeBackend delegate() {
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
    public void featureMapRows(FeatureMap map, double[] invSigmas, double[] x, int n, double[] out) {
        delegate.featureMapRows(map, invSigmas, x, n, out);
    }

    @Override
    public void knmTransposeKnm(Kernel k, double[] x, int n, double[] centres, int m, int d,
                                double[] w, double[] v, double[] out) {
        delegate.knmTransposeKnm(k, x, n, centres, m, d, w, v, out);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
