package io.witness.operators.forecast;

import io.witness.operators.forecast.synthetic.LabelledSeries;

/** Runs a factory's model over a labelled series and counts alarm onsets and detection. */
final class ForecastSimulation {

    /** Outcome on one series. */
    record Outcome(long scoredPoints, int onsetsOutside, int firstAlarmInWindow) {
        boolean detected() {
            return firstAlarmInWindow >= 0;
        }
    }

    /** Points after the anomaly in which alarms are not counted as false (the series returns to normal). */
    static final int SETTLE = 300;
    /** A spike's detection window. */
    static final int MIN_WINDOW = 20;

    private ForecastSimulation() {
    }

    static Outcome run(ForecastFactory factory, LabelledSeries s) {
        ForecastModel m = factory.create();
        int start = s.start();
        int windowEnd = s.kind() == null ? -1 : start + Math.max(s.length(), MIN_WINDOW);
        long scored = 0;
        int onsets = 0;
        int first = -1;
        boolean prev = false;
        for (int i = 0; i < s.size(); i++) {
            m.observe(s.times()[i], s.values()[i]);
            boolean alarm = m.lastAlarm();
            if (!Double.isNaN(m.lastScore())) {
                scored++;
            }
            boolean inWindow = s.kind() != null && i >= start && i < windowEnd;
            if (alarm && inWindow && first < 0) {
                first = i - start;
            }
            boolean ignored = s.kind() != null && i >= start && i < windowEnd + SETTLE;
            if (alarm && !prev && !ignored) {
                onsets++;
            }
            prev = alarm;
        }
        return new Outcome(scored, onsets, first);
    }
}
