package io.witness.operators.compute.cpu;

/** Reductions with eight independent partial sums: eight times the throughput of one dependent chain. */
final class Sums {

    private Sums() {
    }

    static double sum(double[] x, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int j = 0;
        for (; j + 8 <= len; j += 8) {
            s0 += x[j];
            s1 += x[j + 1];
            s2 += x[j + 2];
            s3 += x[j + 3];
            s4 += x[j + 4];
            s5 += x[j + 5];
            s6 += x[j + 6];
            s7 += x[j + 7];
        }
        for (; j < len; j++) {
            s0 += x[j];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    static double dot(double[] x, double[] y, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int j = 0;
        for (; j + 8 <= len; j += 8) {
            s0 = Math.fma(x[j], y[j], s0);
            s1 = Math.fma(x[j + 1], y[j + 1], s1);
            s2 = Math.fma(x[j + 2], y[j + 2], s2);
            s3 = Math.fma(x[j + 3], y[j + 3], s3);
            s4 = Math.fma(x[j + 4], y[j + 4], s4);
            s5 = Math.fma(x[j + 5], y[j + 5], s5);
            s6 = Math.fma(x[j + 6], y[j + 6], s6);
            s7 = Math.fma(x[j + 7], y[j + 7], s7);
        }
        for (; j < len; j++) {
            s0 = Math.fma(x[j], y[j], s0);
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
