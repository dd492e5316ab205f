package io.witness.operators.compute;

/** Argument checks shared by the backends: a wrong length fails here, not deep in a loop or on a GPU. */
public final class Shapes {

    private Shapes() {
    }

    /** A point set of n points in d dimensions, row-major. */
    public static void points(String name, double[] x, int n, int d) {
        if (d < 1) {
            throw new IllegalArgumentException("dimension d must be >= 1, got " + d);
        }
        if (n < 0) {
            throw new IllegalArgumentException(name + ": negative count " + n);
        }
        atLeast(name, x, (long) n * d);
    }

    /** An array of at least {@code length} elements. */
    public static void atLeast(String name, double[] x, long length) {
        if (x == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (x.length < length) {
            throw new IllegalArgumentException(name + " has " + x.length + " elements, needs " + length);
        }
    }
}
