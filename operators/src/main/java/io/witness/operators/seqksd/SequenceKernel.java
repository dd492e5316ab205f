package io.witness.operators.seqksd;

/**
 * Base kernels on sequences (spec §B.7.4): {@code k(x,y) = 1[|x|=|y|] · exp(−D(x,y)/|x|)}, zero across
 * lengths, with D the Hamming count (unordered alphabet) or, for an ordered cyclic alphabet of size S,
 * {@code Σ_i min(|x_i−y_i|, S−|x_i−y_i|)²}.
 *
 * @param cyclicSize S for the cyclic distance, 0 for Hamming
 */
public record SequenceKernel(int cyclicSize) implements BaseKernel {

    public static SequenceKernel hamming() {
        return new SequenceKernel(0);
    }

    public static SequenceKernel cyclic(int symbols) {
        return new SequenceKernel(symbols);
    }

    @Override
    public double value(CharSequence x, CharSequence y) {
        int n = x.length();
        if (n != y.length()) {
            return 0.0;
        }
        double dist = 0;
        for (int i = 0; i < n; i++) {
            int a = x.charAt(i);
            int b = y.charAt(i);
            if (cyclicSize == 0) {
                dist += a == b ? 0 : 1;
            } else {
                int z = Math.abs(a - b);
                z = Math.min(z, cyclicSize - z);
                dist += (double) z * z;
            }
        }
        return Math.exp(-dist / n);
    }
}
