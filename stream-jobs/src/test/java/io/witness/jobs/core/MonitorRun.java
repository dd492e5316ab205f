package io.witness.jobs.core;

import java.io.IOException;
import java.util.List;

import io.witness.jobs.codec.AvroJson;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.support.TestData.Collected;
import io.witness.jobs.support.TestData.Obs;

/** One (monitor, key) driven by hand, as the Flink operator and replay drive it: state in, records out. */
final class MonitorRun {
    final WitnessConfig config;
    final KeyedMonitorProcessor processor;
    KeyedState state = KeyedState.fresh();
    final Collected out = new Collected();
    long offset;

    MonitorRun(WitnessConfig config) {
        this.config = config;
        this.processor = new KeyedMonitorProcessor(BoundMonitor.bind(config.monitors().get(0)), config.job());
    }

    String monitorId() {
        return config.monitors().get(0).id();
    }

    void feed(Obs o) {
        feed(o.key(), o.time(), o.x(), o.y());
    }

    void feed(String key, long time, double x, double y) {
        processor.process(state, new MonitorInput(monitorId(), key, time, new double[] {x, y}, 0L, "t", 1, offset++), out);
    }

    /** One typed event for a point-process monitor (no numeric fields). */
    void feed(String key, String type, long time) {
        processor.process(state, new MonitorInput(monitorId(), key, type, time, new double[0], 0L, "t", 1, offset++), out);
    }

    void feedAll(List<Obs> obs) {
        obs.forEach(this::feed);
    }

    /** A restart: the state goes through its bytes and a freshly bound processor continues. */
    MonitorRun restarted() throws IOException {
        MonitorRun r = new MonitorRun(config);
        r.state = r.processor.restore(bytes());
        r.offset = offset;
        return r;
    }

    /** The state as the job stores it (current envelope, stamped with the monitor's shape). */
    byte[] bytes() {
        return processor.store(state);
    }

    /** Everything emitted so far as the JSON Witness writes (evidence and alerts, in order per kind). */
    String transcript() {
        StringBuilder sb = new StringBuilder();
        out.evidence.forEach(e -> sb.append(new String(AvroJson.write(e), java.nio.charset.StandardCharsets.UTF_8)).append('\n'));
        out.alerts.forEach(a -> sb.append(new String(AvroJson.write(a), java.nio.charset.StandardCharsets.UTF_8)).append('\n'));
        return sb.toString();
    }
}
