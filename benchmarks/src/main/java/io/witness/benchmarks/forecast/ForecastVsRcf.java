package io.witness.benchmarks.forecast;

import io.witness.operators.forecast.ForecastFactory;
import io.witness.operators.forecast.ForecastMethod;
import io.witness.operators.forecast.synthetic.AnomalyKind;
import io.witness.operators.forecast.synthetic.Base;
import io.witness.operators.forecast.synthetic.LabelledSeries;
import io.witness.operators.forecast.synthetic.SyntheticSeries;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Side by side, in one run, on the same labelled synthetic series: Witness {@code kernel-forecast}
 * (defaults) and AWS Random Cut Forest 4.4.0 ({@code ThresholdedRandomCutForest}, shingle 8, 50 trees,
 * defaults otherwise). Not a JMH benchmark: it measures detection, false alarms and state as well as
 * speed. Run: {@code java -cp benchmarks/target/benchmarks.jar io.witness.benchmarks.forecast.ForecastVsRcf [seeds]}.
 *
 * <p>Series: every base (iid noise, AR(1) φ = 0.8, a 48-point cycle, a daily cycle; noise sd 1) × every
 * anomaly kind that applies (spike +6, level shift +3 for 400 points, variance ×3 for 300, frequency ×2
 * for 300 on the periodic bases, flatline for 200, trend +5 over 300) × {@code seeds} seeds; 10,000
 * one-minute points each, the anomaly at point 7,000. Scoring, identical for both:
 * <ul>
 * <li>detected: an alarm inside the anomaly's window (at least 20 points for a spike);</li>
 * <li>delay: points from the window's start to that first alarm (median over detected windows);</li>
 * <li>false alarms: alarm onsets (a point in alarm after one that was not) outside the window and the 300
 * points after it (where the series returns to normal), per 10,000 such points;</li>
 * <li>detected by chance: the windows a detector that alarms at random at its own false-alarm rate
 * would "detect", {@code Σ 1 − exp(−rate · window length)} — a detection count means little unless it
 * is well above this;</li>
 * <li>events/s per thread: one thread, whole series in a loop, after one untimed pass over the first
 * series to warm the JIT; serialisation not included;</li>
 * <li>state bytes per series at the end of the series: Witness's state as the streaming job stores it;
 * RCF's through its state mapper, with protostuff and with Jackson JSON.</li>
 * </ul>
 */
public final class ForecastVsRcf {

    static final int POINTS = 10_000;
    static final int START = 7_000;
    static final int SETTLE = 300;
    static final int MIN_WINDOW = 20;

    /** Totals of one detector. */
    static final class Tally {
        int windows;
        int detected;
        long onsets;
        long normalPoints;
        long nanos;
        long events;
        final List<Integer> delays = new ArrayList<>();
        final List<Long> bytes = new ArrayList<>();
        final List<Long> jsonBytes = new ArrayList<>();
        final Map<AnomalyKind, int[]> byKind = new EnumMap<>(AnomalyKind.class);
        final List<Integer> windowLengths = new ArrayList<>();

        double byChance() {
            double rate = (double) onsets / normalPoints;
            double sum = 0;
            for (int len : windowLengths) {
                sum += 1 - Math.exp(-rate * len);
            }
            return sum;
        }
    }

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        List<LabelledSeries> series = new ArrayList<>();
        for (Base base : Base.values()) {
            for (AnomalyKind kind : AnomalyKind.values()) {
                if (kind == AnomalyKind.FREQUENCY && !base.periodic()) {
                    continue;
                }
                for (int s = 0; s < seeds; s++) {
                    series.add(SyntheticSeries.generate(base, POINTS, kind, START, 77_000 + 100L * s + kind.ordinal()));
                }
            }
        }
        ForecastFactory witness = ForecastMethod.defaults();
        Tally w = run("witness", series, ls -> new WitnessDetector(witness));
        Tally r = run("rcf", series, ls -> new RcfDetector(ls.name().hashCode()));
        System.out.println();
        System.out.printf(Locale.ROOT, "%d series x %d points (%d windows), seeds %d%n", series.size(), POINTS,
                w.windows, seeds);
        System.out.println("| detector | windows detected | of which expected by chance | false alarms / 10,000 points | median delay (points) | events/s per thread | state bytes per series |");
        System.out.println("|---|---|---|---|---|---|---|");
        row("Witness kernel-forecast (defaults, aogd)", w, false);
        row("RCF 4.4.0 ThresholdedRandomCutForest (shingle 8, 50 trees)", r, true);
        System.out.println();
        System.out.println("| anomaly kind | Witness detected | RCF detected |");
        System.out.println("|---|---|---|");
        for (AnomalyKind k : AnomalyKind.values()) {
            int[] a = w.byKind.get(k);
            int[] b = r.byKind.get(k);
            System.out.printf(Locale.ROOT, "| %s | %d/%d | %d/%d |%n", k.name().toLowerCase(Locale.ROOT), a[0], a[1], b[0], b[1]);
        }
    }

    static Tally run(String name, List<LabelledSeries> series, Function<LabelledSeries, Detector> make) {
        // warm the JIT on the first series (untimed)
        Detector warm = make.apply(series.get(0));
        LabelledSeries first = series.get(0);
        for (int i = 0; i < first.size(); i++) {
            warm.alarm(first.times()[i], first.values()[i]);
        }
        Tally t = new Tally();
        for (LabelledSeries ls : series) {
            Detector d = make.apply(ls);
            boolean[] alarm = new boolean[ls.size()];
            long t0 = System.nanoTime();
            for (int i = 0; i < ls.size(); i++) {
                alarm[i] = d.alarm(ls.times()[i], ls.values()[i]);
            }
            t.nanos += System.nanoTime() - t0;
            t.events += ls.size();
            t.bytes.add(d.stateBytes());
            if (d instanceof RcfDetector rcf) {
                t.jsonBytes.add(rcf.jsonBytes());
            }
            int windowEnd = ls.start() + Math.max(ls.length(), MIN_WINDOW);
            int first1 = -1;
            boolean prev = false;
            for (int i = 0; i < ls.size(); i++) {
                boolean ignored = i >= ls.start() && i < windowEnd + SETTLE;
                if (alarm[i] && i >= ls.start() && i < windowEnd && first1 < 0) {
                    first1 = i - ls.start();
                }
                if (!ignored) {
                    t.normalPoints++;
                    if (alarm[i] && !prev) {
                        t.onsets++;
                    }
                }
                prev = alarm[i];
            }
            t.windows++;
            t.windowLengths.add(windowEnd - ls.start());
            int[] k = t.byKind.computeIfAbsent(ls.kind(), x -> new int[2]);
            k[1]++;
            if (first1 >= 0) {
                t.detected++;
                t.delays.add(first1);
                k[0]++;
            }
        }
        System.err.printf(Locale.ROOT, "%s: %d events in %.1f s%n", name, t.events, t.nanos / 1e9);
        return t;
    }

    static void row(String name, Tally t, boolean json) {
        Collections.sort(t.delays);
        Collections.sort(t.bytes);
        long median = t.bytes.get(t.bytes.size() / 2);
        String state = String.format(Locale.ROOT, "%,d", median);
        if (json) {
            Collections.sort(t.jsonBytes);
            state += String.format(Locale.ROOT, " (protostuff; JSON %,d)", t.jsonBytes.get(t.jsonBytes.size() / 2));
        }
        System.out.printf(Locale.ROOT, "| %s | %d/%d | %.1f | %.2f | %s | %,.0f | %s |%n", name, t.detected, t.windows,
                t.byChance(), t.onsets * 1e4 / t.normalPoints, t.delays.isEmpty() ? "-" : t.delays.get((t.delays.size() - 1) / 2),
                t.events / (t.nanos / 1e9), state);
    }
}
