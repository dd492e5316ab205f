package io.witness.benchmarks.forecast;

import io.witness.operators.forecast.ForecastFactory;
import io.witness.operators.forecast.ForecastModel;
import io.witness.operators.monitor.StateOutput;

import java.io.IOException;
import java.io.UncheckedIOException;

/** kernel-forecast with its defaults: alarm = inside an open incident. State = the bytes Flink would store. */
final class WitnessDetector implements Detector {
    private final ForecastModel monitor;

    WitnessDetector(ForecastFactory factory) {
        this.monitor = factory.create();
    }

    @Override
    public boolean alarm(long time, double value) {
        monitor.observe(time, value);
        return monitor.lastAlarm();
    }

    @Override
    public long stateBytes() {
        StateOutput out = new StateOutput(monitor.stateBytes());
        try {
            monitor.writeState(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size();
    }
}
