package io.witness.operators.ksd;

import io.witness.operators.monitor.ExplanationValue;
import static io.witness.operators.monitor.ExplanationValue.integer;
import static io.witness.operators.monitor.ExplanationValue.text;

import io.witness.operators.monitor.SplitMix64;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;
import io.witness.operators.monitor.Step;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Per-key windowed goodness-of-fit test (spec §B.6, recommendation 1).
 * <ol>
 * <li><b>Model</b>: the factory's shared model (given, or fitted on a reference file), or — per key —
 * fitted on the key's first {@code reference-size} events, which are buffered and then never tested
 * (testing the data a model was fitted on would bias the test towards accepting).</li>
 * <li><b>Window</b>: a ring of the last {@code window} events; once full, a test every {@code hop}
 * events on the window in arrival order. Each test is a fixed-n test at level α (never a growing window
 * re-tested event by event, which would be optional stopping).</li>
 * <li><b>Steps</b>: statistic and p-value of the window's test, threshold α, alarm when p ≤ α; clear on
 * the first window that passes after an alarmed one. Bootstrap draws come from {@code seed} and the
 * window's index, so a replay gives the same p-values.</li>
 * <li><b>Calibration</b> ({@link Calibration}): the test's bootstrap per window, or — for a fitted model —
 * the refit null ({@link FittedNull}), simulated at the model's first window and kept in the state.</li>
 * </ol>
 * State (version {@value #FORMAT_VERSION}; a state without a null table is written as version 1, byte
 * for byte as before, and version 1 states restore — a per-key fitted one then simulates its table at
 * its next window):
 * <pre>
 * byte version; long observations; byte flags (1 = model fitted, 2 = last window alarmed)
 * per-key model, not fitted yet: int buffered; buffered·d doubles
 * per-key model, fitted:        model ({@link ModelCodec}); version 2 only: the null table ({@link FittedNull})
 * int window fill; fill·d doubles (oldest first); int events until the next test; long windows tested
 * </pre>
 */
public final class WindowedGofModel implements Model {

    static final byte FORMAT_VERSION = 2;
    /** The format of states without a null table (and of every state before the refit calibration). */
    static final byte VERSION_WITHOUT_NULL = 1;
    /** version, observations, flags, until-next-test, windows tested. */
    static final int BASE_BYTES = 1 + 8 + 1 + 4 + 8;
    private static final int FLAG_FITTED = 1;
    private static final int FLAG_ALARMED = 2;

    private final WindowedGofFactory factory;
    private final int d;
    private final int size;

    // ---- state ----
    private long observations;
    private ScoreModel model;        // null until fitted (per-key models)
    private FittedNull fittedNull;   // per-key refit calibration: null until the model's first window
    private double[] reference;      // per-key fitting buffer, null once fitted
    private int buffered;
    private final double[] ring;
    private int head;                // next write position
    private int fill;
    private int untilTest;
    private long windows;
    private boolean lastAlarm;

    // ---- scratch ----
    private final double[] ordered;

    WindowedGofModel(WindowedGofFactory factory) {
        this.factory = factory;
        this.d = factory.model().dimension();
        this.size = factory.window().size();
        this.ring = new double[size * d];
        this.ordered = new double[size * d];
        this.model = factory.model().shared();
        if (model == null) {
            reference = new double[factory.model().referenceSize() * d];
        }
        this.untilTest = size;
    }

    @Override
    public Step update(long time, double[] values) {
        if (values.length != d) {
            throw new IllegalArgumentException(factory.method() + " expects " + d + " values, got " + values.length);
        }
        observations++;
        if (model == null) {
            System.arraycopy(values, 0, reference, buffered * d, d);
            buffered++;
            if (buffered == factory.model().referenceSize()) {
                model = factory.model().fit(reference, buffered);
                reference = null;
                buffered = 0;
            }
            return null;
        }
        System.arraycopy(values, 0, ring, head * d, d);
        head = (head + 1) % size;
        fill = Math.min(fill + 1, size);
        if (--untilTest > 0) {
            return null;
        }
        untilTest = factory.window().hop();
        return test();
    }

    private Step test() {
        // oldest first: the ring from head (the oldest once full)
        int start = fill == size ? head : 0;
        for (int i = 0; i < fill; i++) {
            System.arraycopy(ring, ((start + i) % size) * d, ordered, i * d, d);
        }
        long index = windows++;
        SplittableRandom rng = new SplittableRandom(SplitMix64.nth(factory.seed(), index));
        boolean refit = factory.calibration() == Calibration.REFIT;
        GofTest.Outcome o;
        if (refit) {
            FittedNull table = nullTable();
            GofTest.Outcome m = factory.test().measure(ordered, fill, model, rng);
            o = new GofTest.Outcome(m.statistic(), table.pValue(m.statistic()), m.explanation());
        } else {
            o = factory.test().run(ordered, fill, model, rng);
        }
        boolean alarm = o.pValue() <= factory.alpha();
        boolean clear = !alarm && lastAlarm;
        lastAlarm = alarm;
        Map<String, ExplanationValue> why = new LinkedHashMap<>();
        why.put("window", integer(index + 1));
        why.put("window_size", integer(fill));
        why.put("hop", integer(factory.window().hop()));
        why.put("test", text(factory.test().name()));
        why.put("model", text(model.describe()));
        why.putAll(o.explanation());
        why.put("calibration", text(refit ? "refit" : "bootstrap"));
        if (refit) {
            why.put("null_draws", integer(nullTable().draws()));
            why.put("reference_events", integer(factory.model().referenceEvents()));
        }
        why.put("seed", integer(factory.seed()));
        return new Step(observations, o.statistic(), o.pValue(), null, factory.alpha(), alarm, clear, why);
    }

    @Override
    public long observations() {
        return observations;
    }

    /** The model in use (null while a per-key model is still collecting its reference). */
    public ScoreModel model() {
        return model;
    }

    /** The refit calibration's null: the shared model's, or this key's (simulated once per fitted model). */
    private FittedNull nullTable() {
        if (!perKey()) {
            return factory.sharedNull();
        }
        if (fittedNull == null) {
            fittedNull = factory.simulateNull(model);
        }
        return fittedNull;
    }

    private boolean perKey() {
        return factory.model().shared() == null;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        boolean table = perKey() && fittedNull != null;
        out.writeByte(table ? FORMAT_VERSION : VERSION_WITHOUT_NULL);
        out.writeLong(observations);
        out.writeByte((model != null ? FLAG_FITTED : 0) | (lastAlarm ? FLAG_ALARMED : 0));
        if (perKey()) {
            if (model == null) {
                out.writeInt(buffered);
                StateOutput.writeDoubles(out, reference, 0, buffered * d);
            } else {
                model.write(out);
                if (table) {
                    fittedNull.write(out);
                }
            }
        }
        out.writeInt(fill);
        int start = fill == size ? head : 0;
        for (int i = 0; i < fill; i++) {
            StateOutput.writeDoubles(out, ring, ((start + i) % size) * d, d);
        }
        out.writeInt(untilTest);
        out.writeLong(windows);
    }

    void readState(DataInput in) throws IOException {
        byte version = in.readByte();
        if (version != FORMAT_VERSION && version != VERSION_WITHOUT_NULL) {
            throw new IOException(factory.method() + " state: unknown format version " + version
                    + " (this build reads version " + FORMAT_VERSION + ")");
        }
        observations = in.readLong();
        int flags = in.readUnsignedByte();
        lastAlarm = (flags & FLAG_ALARMED) != 0;
        if (perKey()) {
            if ((flags & FLAG_FITTED) == 0) {
                buffered = in.readInt();
                if (buffered < 0 || buffered >= factory.model().referenceSize()) {
                    throw new IOException(factory.method() + " state: reference of " + buffered
                            + " events does not fit reference-size " + factory.model().referenceSize());
                }
                StateInput.readDoubles(in, reference, 0, buffered * d);
                model = null;
            } else {
                model = ModelCodec.read(in, d);
                reference = null;
                buffered = 0;
                fittedNull = version == FORMAT_VERSION ? FittedNull.read(in, 10_000) : null;
            }
        }
        fill = in.readInt();
        if (fill < 0 || fill > size) {
            throw new IOException(factory.method() + " state: window of " + fill + " does not fit window " + size);
        }
        StateInput.readDoubles(in, ring, 0, fill * d);
        head = fill % size;
        untilTest = in.readInt();
        if (untilTest < 1 || untilTest > size) {
            throw new IOException(factory.method() + " state: " + untilTest + " events until the next test");
        }
        windows = in.readLong();
    }

    @Override
    public int stateBytes() {
        int bytes = BASE_BYTES + 4 + 8 * fill * d;
        if (perKey()) {
            bytes += model == null ? 4 + 8 * buffered * d
                    : model.stateBytes() + (fittedNull == null ? 0 : fittedNull.stateBytes());
        }
        return bytes;
    }
}
