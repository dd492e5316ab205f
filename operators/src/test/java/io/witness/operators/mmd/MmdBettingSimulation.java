package io.witness.operators.mmd;

import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.Step;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/** Simulated streams for the mmd-betting experiments (fixed seeds). d = 2 throughout. */
final class MmdBettingSimulation {

    /** The law of a stream segment. */
    enum Law {
        /** N(0, I₂) */
        STANDARD,
        /** N((0.5, 0), I₂): mean shift of half a standard deviation in coordinate 0 */
        MEAN_SHIFT,
        /** coordinate 0 has standard deviation 1.5 */
        VARIANCE,
        /** ½N((−2,0), I) + ½N((2,0), I) */
        MIXTURE,
        /** the same mixture with weights 0.8 / 0.2 */
        MIXTURE_REWEIGHTED
    }

    private MmdBettingSimulation() {
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log1p(-r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static double[] draw(Law law, SplittableRandom r) {
        double a = gaussian(r);
        double b = gaussian(r);
        return switch (law) {
            case STANDARD -> new double[] {a, b};
            case MEAN_SHIFT -> new double[] {a + 0.5, b};
            case VARIANCE -> new double[] {1.5 * a, b};
            case MIXTURE -> new double[] {a + (r.nextDouble() < 0.5 ? -2 : 2), b};
            case MIXTURE_REWEIGHTED -> new double[] {a + (r.nextDouble() < 0.8 ? -2 : 2), b};
        };
    }

    static MmdBettingFactory factory(int reference, int perBet, String bettor) {
        return new MmdBettingMethod().configure(Map.of("x", 2), 0.05,
                Map.of("reference-size", reference, "events-per-bet", perBet, "bettor", bettor));
    }

    /**
     * Fraction of null streams (reference and stream from the same law) whose test alarms at least once
     * before its pool is used up.
     */
    static double falseAlarmRate(MmdBettingFactory f, Law law, int streams, long seed) {
        MmdBettingParameters p = f.parameters();
        int events = p.referenceSize() * (1 + p.eventsPerBet());
        SplittableRandom r = new SplittableRandom(seed);
        int alarmed = 0;
        for (int s = 0; s < streams; s++) {
            Model m = f.create();
            boolean any = false;
            for (int t = 0; t < events; t++) {
                Step step = m.update(t, draw(law, r));
                any |= step != null && step.alarm();
            }
            if (any) {
                alarmed++;
            }
        }
        return (double) alarmed / streams;
    }

    /**
     * Detection delays in stream events after a change that happens {@code before} events after the
     * reference; {@code Integer.MAX_VALUE} where the test ran out of pool without an alarm.
     */
    static int[] delays(MmdBettingFactory f, Law from, Law to, int before, int runs, long seed) {
        MmdBettingParameters p = f.parameters();
        int after = p.referenceSize() * p.eventsPerBet() - before;
        SplittableRandom r = new SplittableRandom(seed);
        int[] out = new int[runs];
        for (int run = 0; run < runs; run++) {
            Model m = f.create();
            for (int t = 0; t < p.referenceSize() + before; t++) {
                m.update(t, draw(from, r));
            }
            out[run] = Integer.MAX_VALUE;
            for (int t = 0; t < after; t++) {
                Step step = m.update(t, draw(to, r));
                if (step != null && step.alarm()) {
                    out[run] = t + 1;
                    break;
                }
            }
        }
        Arrays.sort(out);
        return out;
    }

    static double detected(int[] delays) {
        return Arrays.stream(delays).filter(x -> x != Integer.MAX_VALUE).count() / (double) delays.length;
    }

    static String describe(int[] delays) {
        int n = delays.length;
        return String.format("detected %.2f, median delay %s, 90%% %s events", detected(delays),
                show(delays[n / 2]), show(delays[(int) Math.floor(0.9 * (n - 1))]));
    }

    private static String show(int d) {
        return d == Integer.MAX_VALUE ? "none" : Integer.toString(d);
    }
}
