package io.witness.operators.seqksd;

import io.witness.operators.monitor.ExplanationValue;
import static io.witness.operators.monitor.ExplanationValue.number;
import static io.witness.operators.monitor.ExplanationValue.integer;
import static io.witness.operators.monitor.ExplanationValue.text;
import static io.witness.operators.monitor.ExplanationValue.names;

import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.Step;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Per-key sequence KSD monitor (spec §B.7). Input: the event's type (the monitor's {@code type-field}),
 * mapped to a symbol: its index in {@code alphabet}, or "other" (the last symbol) for any other type.
 * <ol>
 * <li><b>Sessions</b>: consecutive events of the key; a session closes when an event of
 * {@code end-type} arrives (it belongs to the session), when it reaches {@code max-length}, or — seen
 * on the next event — when the gap to the previous event exceeds {@code session-gap-seconds}.</li>
 * <li><b>Reference</b>: the first {@code reference-sessions} sessions are counted (initial symbols,
 * transitions, final symbols) and the Markov model with a stopping rule is fitted from the counts
 * ({@link MarkovSequenceModel#fit}); they are never tested.</li>
 * <li><b>Windows</b>: every {@code window} later sessions are tested (tumbling, a fixed-n test at level
 * α); the step comes on the event that closes the window's last session.</li>
 * </ol>
 * State (version {@value #FORMAT_VERSION}):
 * <pre>
 * byte version; long observations; long last event time; byte flags (1 = fitted, 2 = last window alarmed)
 * int reference sessions counted; S ints first; S·S ints transitions; S ints final symbols
 * byte current length; that many symbol bytes
 * short sessions in the window; each: byte length, symbol bytes
 * long windows tested
 * </pre>
 */
public final class SequenceKsdModel implements Model {

    static final byte FORMAT_VERSION = 1;

    private final SequenceKsdFactory factory;
    private final SequenceKsdParameters p;
    private final int s;

    // ---- state ----
    private long observations;
    private long lastTime = Long.MIN_VALUE;
    private int referenceCount;
    private final int[] first;
    private final int[] moves;
    private final int[] ends;
    private final StringBuilder current = new StringBuilder();
    private final List<String> window = new ArrayList<>();
    private long windows;
    private boolean lastAlarm;

    // ---- derived ----
    private MarkovSequenceModel model;

    SequenceKsdModel(SequenceKsdFactory factory) {
        this.factory = factory;
        this.p = factory.parameters();
        this.s = p.symbols();
        first = new int[s];
        moves = new int[s * s];
        ends = new int[s];
    }

    /** An event without a type (no {@code type-field} value): counted as the "other" symbol. */
    @Override
    public Step update(long time, double[] values) {
        return update(time, null, values);
    }

    /**
     * One event of the key. {@code values} is empty (the method reads no numeric fields); {@code type}
     * is mapped to its symbol by the factory (alphabet index; anything else is "other").
     */
    @Override
    public Step update(long time, String type, double[] values) {
        int symbol = factory.symbol(type);
        observations++;
        Step step = null;
        if (current.length() > 0 && p.sessionGapMillis() > 0 && time - lastTime > p.sessionGapMillis()) {
            step = close();
        }
        lastTime = Math.max(lastTime, time);
        current.append((char) symbol);
        if (symbol == p.endType() || current.length() >= p.maxLength()) {
            Step other = close();
            step = other != null ? other : step;
        }
        return step;
    }

    /** Closes the current session: a reference session, or one more session of the window. */
    private Step close() {
        String x = current.toString();
        current.setLength(0);
        if (referenceCount < p.referenceSessions()) {
            first[x.charAt(0)]++;
            for (int i = 0; i + 1 < x.length(); i++) {
                moves[x.charAt(i) * s + x.charAt(i + 1)]++;
            }
            ends[x.charAt(x.length() - 1)]++;
            referenceCount++;
            return null;
        }
        window.add(x);
        if (window.size() < p.window()) {
            return null;
        }
        Step step = test();
        window.clear();
        return step;
    }

    MarkovSequenceModel model() {
        if (model == null) {
            model = MarkovSequenceModel.fit(first, moves, ends, p.pseudoCount());
        }
        return model;
    }

    private Step test() {
        long index = windows++;
        SplittableRandom rng = new SplittableRandom(io.witness.operators.monitor.SplitMix64.nth(p.seed(), index));
        SequenceKsd.Result r = p.bootstrap() == SequenceBootstrap.PARAMETRIC
                ? factory.test().runParametric(window, model(), p.maxLength(), rng)
                : factory.test().run(window, model(), rng);
        boolean alarm = r.pValue() <= p.alpha();
        boolean clear = !alarm && lastAlarm;
        lastAlarm = alarm;
        Map<String, ExplanationValue> why = new LinkedHashMap<>();
        why.put("window", integer(index + 1));
        why.put("sessions", integer(window.size()));
        int worst = 0;
        long events = 0;
        long other = 0;
        for (int i = 0; i < window.size(); i++) {
            if (r.rowSums()[i] > r.rowSums()[worst]) {
                worst = i;
            }
            String x = window.get(i);
            events += x.length();
            for (int j = 0; j < x.length(); j++) {
                if (x.charAt(j) == s - 1) {
                    other++;
                }
            }
        }
        why.put("worst_session", names(typesOf(window.get(worst))));
        why.put("worst_session_age", integer(window.size() - 1 - worst));
        why.put("mean_length", number((double) events / window.size()));
        why.put("reference_mean_length", number(referenceMeanLength()));
        why.put("other_types", integer(other));
        why.put("edits", text(p.neighbourhood().insertDelete() ? "all" : "substitutions"));
        why.put("edit_positions", integer(p.neighbourhood().positions()));
        why.put("balance", text(p.balance().name().toLowerCase(java.util.Locale.ROOT)));
        why.put("bootstrap", text(p.bootstrap().name().toLowerCase(java.util.Locale.ROOT)));
        why.put("kernel", text(p.kernel() instanceof SpectrumKernel ? "spectrum" : "hamming"));
        why.put("seed", integer(p.seed()));
        return new Step(observations, r.statistic(), r.pValue(), null, p.alpha(), alarm, clear, why);
    }

    private double referenceMeanLength() {
        long total = 0;
        for (int v : ends) {
            total += v;
        }
        for (int v : moves) {
            total += v;
        }
        return referenceCount == 0 ? 0 : (double) total / referenceCount;
    }

    /** The session's event types in order. */
    private List<String> typesOf(String x) {
        List<String> b = new ArrayList<>(x.length());
        for (int i = 0; i < x.length(); i++) {
            b.add(p.name(x.charAt(i)));
        }
        return b;
    }

    @Override
    public long observations() {
        return observations;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        out.writeLong(observations);
        out.writeLong(lastTime);
        out.writeByte((referenceCount >= p.referenceSessions() ? 1 : 0) | (lastAlarm ? 2 : 0));
        out.writeInt(referenceCount);
        for (int v : first) {
            out.writeInt(v);
        }
        for (int v : moves) {
            out.writeInt(v);
        }
        for (int v : ends) {
            out.writeInt(v);
        }
        writeSequence(out, current);
        out.writeShort(window.size());
        for (String x : window) {
            writeSequence(out, x);
        }
        out.writeLong(windows);
    }

    private static void writeSequence(DataOutput out, CharSequence x) throws IOException {
        out.writeByte(x.length());
        for (int i = 0; i < x.length(); i++) {
            out.writeByte(x.charAt(i));
        }
    }

    private String readSequence(DataInput in) throws IOException {
        int len = in.readUnsignedByte();
        if (len > p.maxLength()) {
            throw new IOException("sequence-ksd state: session of " + len + " events exceeds max-length " + p.maxLength());
        }
        StringBuilder b = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            int c = in.readUnsignedByte();
            if (c >= s) {
                throw new IOException("sequence-ksd state: symbol " + c + " outside the alphabet of " + s);
            }
            b.append((char) c);
        }
        return b.toString();
    }

    void readState(DataInput in) throws IOException {
        byte version = in.readByte();
        if (version != FORMAT_VERSION) {
            throw new IOException("sequence-ksd state: unknown format version " + version
                    + " (this build reads version " + FORMAT_VERSION + ")");
        }
        observations = in.readLong();
        lastTime = in.readLong();
        int flags = in.readUnsignedByte();
        lastAlarm = (flags & 2) != 0;
        referenceCount = in.readInt();
        if (referenceCount < 0 || referenceCount > p.referenceSessions()) {
            throw new IOException("sequence-ksd state: " + referenceCount + " reference sessions");
        }
        for (int i = 0; i < s; i++) {
            first[i] = in.readInt();
        }
        for (int i = 0; i < s * s; i++) {
            moves[i] = in.readInt();
        }
        for (int i = 0; i < s; i++) {
            ends[i] = in.readInt();
        }
        current.setLength(0);
        current.append(readSequence(in));
        int w = in.readUnsignedShort();
        if (w >= p.window()) {
            throw new IOException("sequence-ksd state: " + w + " sessions do not fit window " + p.window());
        }
        window.clear();
        for (int i = 0; i < w; i++) {
            window.add(readSequence(in));
        }
        windows = in.readLong();
        model = null;
    }

    @Override
    public int stateBytes() {
        int bytes = 1 + 8 + 8 + 1 + 4 + 4 * (2 * s + s * s) + 1 + current.length() + 2 + 8;
        for (String x : window) {
            bytes += 1 + x.length();
        }
        return bytes;
    }

    static int maxBytes(SequenceKsdParameters p) {
        int s = p.symbols();
        return 1 + 8 + 8 + 1 + 4 + 4 * (2 * s + s * s) + p.maxLength() + 2 + (p.window() - 1) * (1 + p.maxLength()) + 8;
    }
}
