package io.witness.operators.bandit.sim;

/** Manual probe: java ... RegretProbe size runs delay... (not a test). */
public final class RegretProbe {
    public static void main(String[] args) {
        int size = Integer.parseInt(args[0]);
        int runs = Integer.parseInt(args[1]);
        for (int a = 2; a < args.length; a++) {
            double delay = Double.parseDouble(args[a]);
            double s1 = 0, s2 = 0, s3 = 0;
            long t0 = System.nanoTime();
            for (int r = 0; r < runs; r++) {
                GridObjective f = new GridObjective(size, 1000 + r);
                double b = DelayedBanditSimulation.bpeDelay(f, delay, 1000, 7 + r, true)[999];
                double p = DelayedBanditSimulation.bpeDelay(f, delay, 1000, 7 + r, false)[999];
                double s = DelayedBanditSimulation.gpUcbSdf(f, delay, 1000, 7 + r)[999];
                s1 += b; s2 += s; s3 += p;
                System.out.printf("delay %.0f run %d: bpe-code %.1f bpe-paper %.1f sdf %.1f%n", delay, r, b, p, s);
            }
            System.out.printf("delay %.0f: mean bpe-code %.1f bpe-paper %.1f sdf %.1f (%.1f s)%n", delay, s1 / runs, s3 / runs, s2 / runs,
                    (System.nanoTime() - t0) / 1e9);
        }
    }
}
