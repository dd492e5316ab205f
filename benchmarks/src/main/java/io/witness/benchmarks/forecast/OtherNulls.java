package io.witness.benchmarks.forecast;

import io.witness.operators.monitor.ExplanationValue;
import io.witness.operators.forecast.ForecastFactory;
import io.witness.operators.forecast.ForecastMethod;
import io.witness.operators.forecast.synthetic.SyntheticSeries;
import io.witness.operators.forecast.synthetic.TortureSeries;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.Step;

import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * False alarms of {@code kernel-forecast} (defaults) on normal series of shapes that neither the unit
 * tests nor {@link ForecastVsRcf} generate — the streams Witness meets are not ours — with each
 * incident attributed to the view whose p was smallest at its onset (from the evidence). Not a JMH
 * benchmark. Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.witness.benchmarks.forecast.OtherNulls [series] [points]} (defaults 20 × 20,000, seeds 100,000+).
 *
 * <ul>
 * <li>{@code random-walk}: a random walk (steps N(0, 0.2²)) plus N(0, 1) noise;</li>
 * <li>{@code student-t3}: iid Student t with 3 degrees of freedom (heavy tails);</li>
 * <li>{@code ar1-0.95}: AR(1), φ = 0.95, unit stationary sd;</li>
 * <li>{@code weekly}: a weekly cycle (10,080 one-minute points) of amplitude 5, random phase, N(0, 1) noise;</li>
 * <li>{@code daily-phase}: the daily cycle of the tests (amplitude 5, AR(1) φ = 0.5 noise) at a random phase;</li>
 * <li>{@code cycle-200}: a 200-point cycle of amplitude 3, AR(1) φ = 0.5 noise;</li>
 * <li>{@code square-wave}: ±2 switching every 60 points, N(0, 0.5²) noise;</li>
 * <li>{@code poisson-3}: counts, Poisson with mean 3.</li>
 * </ul>
 */
public final class OtherNulls {

    static final String[] SHAPES = {"random-walk", "student-t3", "ar1-0.95", "weekly", "daily-phase", "cycle-200",
            "square-wave", "poisson-3"};
    static final String[] VIEWS = {"p_short", "p_level", "p_scale", "p_drift", "p_structure"};

    public static void main(String[] args) {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int points = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        ForecastFactory factory = ForecastMethod.defaults();
        System.out.printf(Locale.ROOT, "%d series x %d points per shape%n", series, points);
        System.out.println("| normal series | incidents / 10,000 points | short | level | scale | drift | structure |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String shape : SHAPES) {
            long scored = 0;
            long onsets = 0;
            int[] byView = new int[VIEWS.length];
            for (int s = 0; s < series; s++) {
                double[] y = generate(shape, points, 100_000L + s);
                Model m = factory.create();
                boolean prev = false;
                for (int i = 0; i < points; i++) {
                    Step step = m.update(SyntheticSeries.START_MS + 60_000L * i, new double[] {y[i]});
                    if (step == null) {
                        continue;
                    }
                    scored++;
                    if (step.alarm() && !prev) {
                        onsets++;
                        byView[smallest(step.explanation())]++;
                    }
                    prev = step.alarm();
                }
            }
            System.out.printf(Locale.ROOT, "| %s | %.2f | %d | %d | %d | %d | %d |%n", shape, onsets * 1e4 / scored,
                    byView[0], byView[1], byView[2], byView[3], byView[4]);
        }
    }

    /** Index of the view with the smallest p in the evidence (views absent in the evidence are skipped). */
    static int smallest(Map<String, ExplanationValue> why) {
        int arg = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int k = 0; k < VIEWS.length; k++) {
            if (why.get(VIEWS[k]) instanceof ExplanationValue.Num v && v.value() < min) {
                min = v.value();
                arg = k;
            }
        }
        return arg;
    }

    static double[] generate(String shape, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = new double[n];
        double walk = 0;
        double ar = 0;
        int phase = r.nextInt(20_000);
        for (int i = 0; i < n; i++) {
            double e = gaussian(r);
            y[i] = switch (shape) {
                case "random-walk" -> 100 + (walk += 0.2 * e) + gaussian(r);
                case "student-t3" -> {
                    double c = 0;
                    for (int k = 0; k < 3; k++) {
                        double q = gaussian(r);
                        c += q * q;
                    }
                    yield 100 + e / Math.sqrt(c / 3);
                }
                case "ar1-0.95" -> 100 + (ar = 0.95 * ar + Math.sqrt(1 - 0.95 * 0.95) * e);
                case "weekly" -> 100 + 5 * Math.sin(2 * Math.PI * (i + phase) / 10_080.0) + e;
                case "daily-phase" -> 100 + 5 * Math.sin(2 * Math.PI * (i + phase) / 1440.0)
                        + (ar = 0.5 * ar + Math.sqrt(0.75) * e);
                case "cycle-200" -> 100 + 3 * Math.sin(2 * Math.PI * (i + phase) / 200.0)
                        + (ar = 0.5 * ar + Math.sqrt(0.75) * e);
                case "square-wave" -> 100 + (((i + phase) / 60) % 2 == 0 ? 2 : -2) + 0.5 * e;
                case "poisson-3" -> TortureSeries.poisson(r, 3);
                default -> throw new IllegalArgumentException(shape);
            };
        }
        return y;
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
