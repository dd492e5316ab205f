package io.witness.operators.compute;

/** A per-JVM backend handed to many operators: {@link #close()} does nothing, the JVM's exit ends it. */
final class SharedBackend extends ForwardingBackend {

    SharedBackend(ComputeBackend delegate) {
        super(delegate);
    }

    /** Shared: stays open for the other operators of this JVM. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "shared " + delegate().description();
    }
}
