package io.witness.operators.noop;

import io.witness.operators.monitor.MonitorMethod;
import io.witness.operators.monitor.Params;

import java.util.List;
import java.util.Map;

/**
 * {@code method: noop} — a monitor that computes nothing but keeps a per-key state of a chosen size and
 * emits a step at a chosen pace. It is the baseline of {@code witness bench}: with the state size and
 * step pace of the monitor under test it pays the same state access (read, write, serialise that many
 * bytes per key per event) and the same output cost, so the ratio of the two throughputs is the cost
 * of the method's arithmetic alone. Never alarms.
 *
 * <p>Parameters (all optional):
 * <table>
 * <tr><th>name</th><th>default</th><th>range</th></tr>
 * <tr><td>state-bytes</td><td>64</td><td>{@value NoopModel#HEADER_BYTES}..67108864: serialised model size per key</td></tr>
 * <tr><td>step-every</td><td>1</td><td>1..1000000: a step (evidence) every k-th observation</td></tr>
 * <tr><td>silent-for</td><td>0</td><td>0..1000000000: first observations without steps (like a burn-in)</td></tr>
 * </table>
 * One role, {@code x}, of any dimension: the values are read and ignored.
 */
public final class NoopMethod implements MonitorMethod {

    public static final String NAME = "noop";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> roleNames() {
        return List.of("x");
    }

    @Override
    public NoopFactory configure(Map<String, Integer> roleDimensions, double alpha, Map<String, Object> params) {
        int d = MonitorMethod.roleDimension(roleDimensions, "x");
        Params p = new Params(params);
        int stateBytes = p.getInt("state-bytes", 64, NoopModel.HEADER_BYTES, 64 << 20);
        int stepEvery = p.getInt("step-every", 1, 1, 1_000_000);
        int silentFor = p.getInt("silent-for", 0, 0, 1_000_000_000);
        p.rejectUnknown();
        return new NoopFactory(d, alpha, stateBytes, stepEvery, silentFor);
    }
}
