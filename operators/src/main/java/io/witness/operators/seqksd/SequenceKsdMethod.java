package io.witness.operators.seqksd;

import io.witness.operators.monitor.MonitorMethod;
import io.witness.operators.monitor.Params;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code method: sequence-ksd} — KSD test for variable-length categorical sequences (spec §B.7): the
 * event types of each key are cut into sessions, and windows of sessions are tested against a first-order
 * Markov model (with a stopping rule) fitted on the key's first sessions. No numeric roles: the event's
 * categorical attribute named by the monitor's {@code type-field} (default {@code type}) is the input.
 * <table>
 * <tr><th>name</th><th>default</th><th>range / values</th></tr>
 * <tr><td>alphabet</td><td>required</td><td>comma-separated type names (≤ 62); other types are "other"</td></tr>
 * <tr><td>end-type</td><td>none</td><td>a type of the alphabet that closes a session (and is part of it)</td></tr>
 * <tr><td>session-gap-seconds</td><td>1800</td><td>≥ 0; a longer gap closes the session (0: never)</td></tr>
 * <tr><td>max-length</td><td>50</td><td>2..255 events; a session is closed at this length</td></tr>
 * <tr><td>reference-sessions</td><td>200</td><td>10..100000 sessions to fit the model on</td></tr>
 * <tr><td>pseudo-count</td><td>0.5</td><td>(0, 100] additive smoothing</td></tr>
 * <tr><td>window</td><td>30</td><td>5..500 sessions per test (tumbling)</td></tr>
 * <tr><td>edit-positions</td><td>3</td><td>1..255: J, edits in the last J positions (≥ max-length: anywhere)</td></tr>
 * <tr><td>edits</td><td>all</td><td>all (substitutions, insertions, deletions) | substitutions</td></tr>
 * <tr><td>balance</td><td>barker</td><td>barker | mpf | mh</td></tr>
 * <tr><td>kernel</td><td>spectrum</td><td>spectrum (n-gram counts, compares sessions of any length) | hamming
 *     (zero across lengths)</td></tr>
 * <tr><td>ngram</td><td>2</td><td>1..5: longest n-gram of the spectrum kernel</td></tr>
 * <tr><td>bootstrap</td><td>parametric</td><td>parametric (samples of the fitted model) | wild (cheaper,
 *     liberal on small windows: see {@link SequenceBootstrap})</td></tr>
 * <tr><td>bootstrap-draws</td><td>200 (parametric), 500 (wild)</td><td>50..10000</td></tr>
 * <tr><td>seed</td><td>42</td><td>any long</td></tr>
 * </table>
 */
public final class SequenceKsdMethod implements MonitorMethod {

    public static final String NAME = "sequence-ksd";
    public static final int MAX_ALPHABET = 62;

    /** The {@code kernel} parameter. */
    public enum KernelChoice {
        SPECTRUM,
        HAMMING
    }

    /** The {@code edits} parameter. */
    public enum Edits {
        ALL,
        SUBSTITUTIONS
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> roleNames() {
        return List.of();
    }

    @Override
    public boolean usesEventType() {
        return true;
    }

    @Override
    public SequenceKsdFactory configure(Map<String, Integer> roleDimensions, double alpha, Map<String, Object> params) {
        return new SequenceKsdFactory(parse(alpha, params));
    }

    public static SequenceKsdParameters parse(double alpha, Map<String, Object> params) {
        MonitorMethod.requireAlpha(alpha);
        Params p = new Params(params);
        String text = p.getString("alphabet", null);
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("parameter 'alphabet' is required: the event types, comma-separated");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String s : text.split(",")) {
            String t = s.strip();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("parameter 'alphabet' has an empty name in '" + text + "'");
            }
            if (!names.add(t)) {
                throw new IllegalArgumentException("parameter 'alphabet' lists '" + t + "' twice");
            }
        }
        if (names.size() > MAX_ALPHABET) {
            throw new IllegalArgumentException("parameter 'alphabet' has " + names.size() + " types; at most " + MAX_ALPHABET);
        }
        List<String> alphabet = new ArrayList<>(names);
        String end = p.getString("end-type", null);
        int endType = -1;
        if (end != null) {
            endType = alphabet.indexOf(end);
            if (endType < 0) {
                throw new IllegalArgumentException("parameter 'end-type' must be one of the alphabet, got '" + end + "'");
            }
        }
        double gap = p.getDouble("session-gap-seconds", 1800, 0, 365 * 86400.0);
        int maxLength = p.getInt("max-length", 50, 2, 255);
        int reference = p.getInt("reference-sessions", 200, 10, 100_000);
        double pseudo = p.getDouble("pseudo-count", 0.5, 0, 100);
        if (pseudo <= 0) {
            throw new IllegalArgumentException("parameter 'pseudo-count' must be > 0");
        }
        int window = p.getInt("window", 30, 5, 500);
        int positions = p.getInt("edit-positions", 3, 1, 255);
        Edits edits = p.getEnum("edits", Edits.class, Edits.ALL);
        Balance balance = p.getEnum("balance", Balance.class, Balance.BARKER);
        KernelChoice kernelChoice = p.getEnum("kernel", KernelChoice.class, KernelChoice.SPECTRUM);
        int ngram = p.getInt("ngram", 2, 1, 5);
        SequenceBootstrap bootstrap = p.getEnum("bootstrap", SequenceBootstrap.class, SequenceBootstrap.PARAMETRIC);
        int draws = p.getInt("bootstrap-draws", bootstrap == SequenceBootstrap.PARAMETRIC ? 200 : 500, 50, 10_000);
        io.witness.operators.ksd.KsdMethod.requireDrawsForAlpha(draws, alpha);
        long seed = p.getLong("seed", 42L);
        p.rejectUnknown();
        Neighbourhood nb = new Neighbourhood(positions, true, edits == Edits.ALL);
        return new SequenceKsdParameters(List.copyOf(alphabet), endType, Math.round(gap * 1000), maxLength, reference,
                pseudo, window, nb, balance,
                kernelChoice == KernelChoice.SPECTRUM ? new SpectrumKernel(ngram) : SequenceKernel.hamming(), bootstrap, draws,
                alpha,
                seed);
    }
}
