package io.witness.operators.compute.cpu;

/**
 * Kernel values (or plain dot products) of up to {@link Blocking#GROUP} rows of A against one packed
 * block of {@link Blocking#COLS} points of B. One instance per call; it holds the packed B.
 */
interface RowKernel {

    /** Number of packed blocks of B. */
    int blocks();

    /** Width of block b (the last one may be narrower). */
    int width(int b);

    /**
     * Writes {@code out[r][j] = k(a_{i+r}, b_{b·COLS + j})} (or the dot product, for a raw kernel) for
     * {@code r < rows ≤ GROUP}, {@code j < width(b)}.
     */
    void compute(int i, int rows, int b, double[][] out, Scratch scratch);
}
