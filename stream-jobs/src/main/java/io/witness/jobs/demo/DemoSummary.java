package io.witness.jobs.demo;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Scores a demo run: which injected anomalies were detected and how fast, and which alarms were false.
 *
 * <p>An injection is detected by the first OPEN alert of the same monitor and key opened at or after its
 * start. An OPEN alert is a false alarm when no injection exists for its (monitor, key), or when it opened
 * before the earliest injection on that (monitor, key): the data were still normal then. Later OPENs on an
 * injected (monitor, key) (a re-opened incident while the anomaly persists) are neither.
 */
public final class DemoSummary {

    /** The outcome for one injection; {@code openedAtMillis} is empty when nothing detected it. */
    public record Detection(Injection injection, OptionalLong openedAtMillis) {

        public boolean detected() {
            return openedAtMillis.isPresent();
        }

        /** Seconds from the injection's start to the alert that opened on it. */
        public OptionalDouble delaySeconds() {
            return detected()
                    ? OptionalDouble.of((openedAtMillis.getAsLong() - injection.startMillis()) / 1000.0)
                    : OptionalDouble.empty();
        }
    }

    private final long demoStartMillis;
    private final List<Detection> detections;
    private final List<ObservedAlert> falseAlarms;

    /**
     * @param demoStartMillis when the demo began (epoch ms); times in {@link #render()} are shown relative to it
     */
    public DemoSummary(List<Injection> injections, long demoStartMillis, List<ObservedAlert> alerts) {
        this.demoStartMillis = demoStartMillis;
        List<ObservedAlert> opens = alerts.stream()
                .filter(ObservedAlert::isOpen)
                .sorted(Comparator.comparingLong(ObservedAlert::openedAtMillis))
                .toList();
        this.detections = injections.stream().map(i -> detect(i, opens)).toList();
        this.falseAlarms = opens.stream().filter(a -> isFalseAlarm(a, injections)).toList();
    }

    private static Detection detect(Injection injection, List<ObservedAlert> opensInTimeOrder) {
        return opensInTimeOrder.stream()
                .filter(a -> sameTarget(a, injection) && a.openedAtMillis() >= injection.startMillis())
                .findFirst()
                .map(a -> new Detection(injection, OptionalLong.of(a.openedAtMillis())))
                .orElseGet(() -> new Detection(injection, OptionalLong.empty()));
    }

    private static boolean isFalseAlarm(ObservedAlert open, List<Injection> injections) {
        OptionalLong earliestStart = injections.stream()
                .filter(i -> sameTarget(open, i))
                .mapToLong(Injection::startMillis)
                .min();
        return earliestStart.isEmpty() || open.openedAtMillis() < earliestStart.getAsLong();
    }

    private static boolean sameTarget(ObservedAlert alert, Injection injection) {
        return Objects.equals(alert.monitor(), injection.monitor()) && Objects.equals(alert.key(), injection.key());
    }

    public List<Detection> detections() {
        return detections;
    }

    public List<ObservedAlert> falseAlarms() {
        return falseAlarms;
    }

    public int injectedCount() {
        return detections.size();
    }

    public int detectedCount() {
        return (int) detections.stream().filter(Detection::detected).count();
    }

    public OptionalDouble meanDelaySeconds() {
        return detections.stream().map(Detection::delaySeconds).filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble).average();
    }

    public OptionalDouble maxDelaySeconds() {
        return detections.stream().map(Detection::delaySeconds).filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble).max();
    }

    /** A short table for the terminal; times are seconds since the demo started. */
    public String render() {
        StringBuilder out = new StringBuilder();
        String row = "  %-18s %-12s %10s %10s %10s  %s%n";
        out.append("Injected anomalies\n");
        out.append(String.format(Locale.ROOT, row, "monitor", "key", "injected", "detected", "delay", "what"));
        for (Detection d : detections) {
            out.append(String.format(Locale.ROOT, row, d.injection().monitor(), d.injection().key(),
                    relative(d.injection().startMillis()),
                    d.detected() ? relative(d.openedAtMillis().getAsLong()) : "no",
                    d.detected() ? seconds(d.delaySeconds().getAsDouble()) : "-",
                    d.injection().description()));
        }
        if (!falseAlarms.isEmpty()) {
            out.append("False alarms\n");
            out.append(String.format(Locale.ROOT, "  %-18s %-12s %10s%n", "monitor", "key", "opened"));
            for (ObservedAlert a : falseAlarms) {
                out.append(String.format(Locale.ROOT, "  %-18s %-12s %10s%n", a.monitor(), a.key(), relative(a.openedAtMillis())));
            }
        }
        out.append(String.format(Locale.ROOT,
                "Totals: %d anomalies injected, %d detected, mean delay %s, max delay %s, %d false alarms%n",
                injectedCount(), detectedCount(),
                meanDelaySeconds().isPresent() ? seconds(meanDelaySeconds().getAsDouble()) : "-",
                maxDelaySeconds().isPresent() ? seconds(maxDelaySeconds().getAsDouble()) : "-",
                falseAlarms.size()));
        return out.toString();
    }

    private String relative(long epochMillis) {
        return String.format(Locale.ROOT, "%+.1f s", (epochMillis - demoStartMillis) / 1000.0);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }
}
