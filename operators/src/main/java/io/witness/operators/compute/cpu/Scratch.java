package io.witness.operators.compute.cpu;

/**
 * Per-thread working rows, grown on demand and kept: a pool thread or an operator thread allocates
 * them once. Row arrays are separate objects indexed from 0 because C2 (JDK 17) vectorises a loop only
 * when all its array accesses can be aligned together, which an unknown offset prevents.
 */
final class Scratch {

    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    static Scratch get() {
        return LOCAL.get();
    }

    /** Distances (or dot products) of one row group: {@link Blocking#GROUP} × {@link Blocking#COLS}. */
    final double[][] dist = new double[Blocking.GROUP][Blocking.COLS];
    final float[][] fdist = new float[Blocking.GROUP][Blocking.COLS];
    /** Kernel values of one row group. */
    final double[][] kr = new double[Blocking.GROUP][Blocking.COLS];
    /** Per-row accumulators of K·v over blocks (a unit's rows). */
    final double[][] acc = new double[Blocking.ROWS_PER_UNIT][Blocking.COLS];
    private double[][] strip = new double[0][];

    /** At least {@code count} rows of {@link Blocking#COLS}, for a strip of K_nm. */
    double[][] strip(int count) {
        if (strip.length < count) {
            double[][] grown = new double[count][];
            System.arraycopy(strip, 0, grown, 0, strip.length);
            for (int i = strip.length; i < count; i++) {
                grown[i] = new double[Blocking.COLS];
            }
            strip = grown;
        }
        return strip;
    }
}
