package io.witness.operators.compute.cpu;

/**
 * Block sizes and thresholds of the CPU backend. None depends on the thread count, so results are
 * bitwise the same for any number of threads (every sum is taken in the same order).
 */
final class Blocking {

    private Blocking() {
    }

    /** Columns of B per packed block: a block of d × 256 doubles stays in L2 while rows stream past. */
    static final int COLS = 256;
    /** Rows of A computed together by the micro-kernel (each B value loaded once feeds four FMAs). */
    static final int GROUP = 4;
    /** Rows of A per unit of parallel work. */
    static final int ROWS_PER_UNIT = 64;
    /** Below this many flops (about 0.1 ms on one core) a call stays on the calling thread. */
    static final long SERIAL_WORK = 1L << 19;
    /** From this dimension on squared distances come from ‖a‖² + ‖b‖² − 2a·b (one FMA per coordinate). */
    static final int DOT_FORM_MIN_D = 8;
    /** Doubles of K_nm held at once per thread by the Falkon product (2 MiB). */
    static final int STRIP_BUDGET = 1 << 18;
    /** Partial sums of the Falkon product, reduced in a fixed order. */
    static final int MAX_CHUNKS = 64;

    static int blocks(int count) {
        return (count + COLS - 1) / COLS;
    }

    static int width(int count, int block) {
        return Math.min(COLS, count - block * COLS);
    }

    /** A rough flop count for the serial/parallel decision. */
    static long work(long n, long m, long d) {
        return n * m * (d + 16);
    }
}
