package io.witness.operators.compute.cpu;

/**
 * The one door to the Vector API classes: nothing outside this class names them, so a JVM without
 * {@code jdk.incubator.vector} never loads them.
 */
final class VectorKernels {

    private VectorKernels() {
    }

    /** Whether the JVM was started with {@code --add-modules jdk.incubator.vector}. */
    static boolean available() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    static RowKernel doubles(double[] a, double[] b, int m, int d, DistanceForm form, Profile profile) {
        return new VectorDoubleRowKernel(a, b, m, d, form, profile);
    }
}
