package io.witness.operators.skit;

import io.witness.operators.monitor.ExplanationValue;
import static io.witness.operators.monitor.ExplanationValue.number;
import static io.witness.operators.monitor.ExplanationValue.integer;
import static io.witness.operators.monitor.ExplanationValue.text;

import io.witness.operators.bettors.Bettor;
import io.witness.operators.bettors.WealthLedger;
import io.witness.operators.kernel.MedianHeuristic;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;
import io.witness.operators.monitor.Step;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-key SKIT state machine (spec §A). Input vector: the x values then the y values.
 *
 * <ol>
 * <li><b>Burn-in</b>: the first {@code burn-in} observations are buffered and used only to set σx, σy
 * by the median heuristic (§0.2) unless both bandwidths are fixed. They are never scored; they then
 * become witness history, as consecutive pairs (an odd last one is dropped): valid, because they
 * precede every bet (§A.2.5, §A.4.2). {@link #update} returns null.</li>
 * <li><b>Pairs</b> (§A.2.1): consecutive, non-overlapping. The first observation of a pair is held
 * (null); on the second the pair's payoff is computed from the history only, the bet placed, and only
 * then the pair ingested. If the witness has no history yet (burn-in 0), the first pair is history
 * only (null): bet #1 is on pair 2, as in the check vector §A.5.1.</li>
 * <li><b>Steps</b>: statistic = natural log of the running test's wealth; e-value = wealth; p-value =
 * min(1, 1/max wealth since the test (re)started) (§A.2.5); threshold = 1/α; alarm when
 * log wealth ≥ log(1/α).</li>
 * <li><b>Restart</b>: after an alarm the wealth and its running maximum go back to 1; the witness and
 * the bettor's adaptation are kept (any predictable witness and λ are allowed, §A.3). Each restarted
 * test is a fresh test at level α (§A.4.4): the type-I bound holds per test, not for the union of
 * all tests over the stream. The explanation's {@code test} counts restarts.</li>
 * <li><b>Clear</b>: after an alarm, the bet that completes {@code resolve-after} consecutive bets
 * without a new alarm has {@code clear = true} — once per alarm episode (a new alarm before that
 * starts the count again).</li>
 * </ol>
 *
 * <p>State layout (version {@value #FORMAT_VERSION}), big-endian {@link DataOutput}:
 * <pre>
 * short  version
 * shape  the configuration the state depends on, {@link SkitStateShape} (17 bytes; not in version 1)
 * long   observations
 * byte   flags: 1 = burn-in done, 2 = half pair held, 4 = alarm episode open
 * if burn-in not done: int buffered; buffered·(dx+dy) doubles
 * if burn-in done:     double σx; double σy; witness state (see the witness classes)
 * if half pair held:   (dx+dy) doubles
 * bettor state (see the bettor classes)
 * double max log wealth of the running test
 * long   bets; long restarts; long bets since the last alarm
 * </pre>
 * Version 1 is the same without the shape; it is read with {@link SkitParameters#version1Shape()} and
 * written back as version 2 with that shape, so a key keeps the D it started with.
 */
public final class SkitModel implements Model {

    static final short FORMAT_VERSION = 2;
    /** Fixed part of the state: version, shape, observations, flags, max log wealth, three counters. */
    static final int BASE_BYTES = 2 + SkitStateShape.BYTES + 8 + 1 + WealthLedger.STATE_BYTES;

    private static final int FLAG_WARM = 1;
    private static final int FLAG_PENDING = 2;
    private static final int FLAG_EPISODE = 4;
    /** Mixed into the seed for the median-heuristic subsample, so it is not the frequency stream. */
    private static final long SUBSAMPLE_SALT = 0x5DEECE66DL;

    private final SkitFactory factory;
    private final SkitParameters p;
    private final SkitStateShape shape;
    private final int dx;
    private final int dy;
    private final int dim;

    // ---- state (serialized) ----
    private long observations;
    private double[] burnInBuffer;   // null once warm
    private int buffered;
    private double sigmaX = Double.NaN;
    private double sigmaY = Double.NaN;
    private HsicWitness witness;     // null during burn-in
    private final double[] pending;
    private boolean pendingHeld;
    private final Bettor bettor;
    private final WealthLedger ledger;

    // ---- scratch (not state) ----
    private final double[] x1;
    private final double[] y1;
    private final double[] x2;
    private final double[] y2;

    SkitModel(SkitFactory factory, SkitStateShape shape) {
        this.factory = factory;
        this.p = factory.parameters();
        this.shape = shape;
        this.dx = p.dx();
        this.dy = p.dy();
        this.dim = dx + dy;
        this.ledger = new WealthLedger(p.alpha(), p.resolveAfter());
        this.pending = new double[dim];
        this.bettor = factory.newBettor(shape.bettor());
        x1 = new double[dx];
        x2 = new double[dx];
        y1 = new double[dy];
        y2 = new double[dy];
        if (p.burnIn() > 0) {
            burnInBuffer = new double[p.burnIn() * dim];
        } else {
            warmUp();
        }
    }

    @Override
    public Step update(long time, double[] values) {
        if (values.length != dim) {
            throw new IllegalArgumentException("SKIT expects " + dim + " values (x then y), got " + values.length);
        }
        observations++;
        if (witness == null) {
            System.arraycopy(values, 0, burnInBuffer, buffered * dim, dim);
            buffered++;
            if (buffered == p.burnIn()) {
                warmUp();
            }
            return null;
        }
        if (!pendingHeld) {
            System.arraycopy(values, 0, pending, 0, dim);
            pendingHeld = true;
            return null;
        }
        pendingHeld = false;
        split(pending, x1, y1);
        split(values, x2, y2);
        if (!witness.hasHistory()) {
            witness.ingest(x1, y1, x2, y2); // §A.2.1: the first pair is history only
            return null;
        }
        return bet();
    }

    /** Scores the held pair with the history-only witness, bets, then ingests it (§A.2.5). */
    private Step bet() {
        double normUsed = witness.norm();
        double f = witness.payoff(x1, y1, x2, y2);
        bettor.bet(f);
        witness.ingest(x1, y1, x2, y2);
        ledger.countBet();
        Map<String, ExplanationValue> why = new LinkedHashMap<>();
        why.put("pair", integer(pairIndex()));
        why.put("bet", integer(ledger.bets()));
        why.put("payoff", number(f));
        why.put("lambda", number(bettor.lastLambda()));
        why.put("witness_norm", number(normUsed));
        why.put("sigma_x", number(sigmaX));
        why.put("sigma_y", number(sigmaY));
        why.put("bettor", text(bettor.name()));
        why.put("witness", text(witness.name()));
        why.put("test", integer(ledger.restarts()));
        why.put("seed", integer(p.seed()));
        // on an alarm, §A.4.4: a fresh test at level α; witness and bettor adaptation are kept (§A.3)
        return ledger.settle(observations, bettor, why);
    }

    /** Index of the pair just completed, counting pairs after burn-in from 1. */
    private long pairIndex() {
        return (observations - p.burnIn()) / 2;
    }

    private void split(double[] values, double[] x, double[] y) {
        System.arraycopy(values, 0, x, 0, dx);
        System.arraycopy(values, dx, y, 0, dy);
    }

    /** End of burn-in: bandwidths, witness, and the burn-in pairs as history. */
    private void warmUp() {
        if (p.fixedBandwidths()) {
            sigmaX = p.bandwidthX();
            sigmaY = p.bandwidthY();
        } else {
            long s = p.seed() ^ SUBSAMPLE_SALT;
            sigmaX = Math.sqrt(MedianHeuristic.sigmaSquared(burnInBuffer, buffered, dim, 0, dx, s));
            sigmaY = Math.sqrt(MedianHeuristic.sigmaSquared(burnInBuffer, buffered, dim, dx, dy, s));
        }
        witness = factory.newWitness(shape, sigmaX, sigmaY);
        for (int i = 0; i + 1 < buffered; i += 2) {
            System.arraycopy(burnInBuffer, i * dim, pending, 0, dim);
            split(pending, x1, y1);
            System.arraycopy(burnInBuffer, (i + 1) * dim, pending, 0, dim);
            split(pending, x2, y2);
            witness.ingest(x1, y1, x2, y2);
        }
        burnInBuffer = null;
        buffered = 0;
    }

    @Override
    public long observations() {
        return observations;
    }

    /** The bandwidths in use (NaN during burn-in). */
    public double sigmaX() {
        return sigmaX;
    }

    public double sigmaY() {
        return sigmaY;
    }

    /** True once burn-in is over (the bandwidths and the witness exist). */
    boolean warm() {
        return witness != null;
    }

    /** True when the first observation of a pair is held, waiting for the second. */
    boolean holdsHalfPair() {
        return pendingHeld;
    }

    /** The held observation (x then y); meaningful only while {@link #holdsHalfPair()}. Do not modify. */
    double[] heldObservation() {
        return pending;
    }

    /** The configuration this model's state has (kept from its state when it was restored). */
    public SkitStateShape shape() {
        return shape;
    }

    /** The witness (null during burn-in). */
    HsicWitness witness() {
        return witness;
    }

    /** Natural log of the running test's wealth. */
    public double logWealth() {
        return bettor.logWealth();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeShort(FORMAT_VERSION);
        shape.write(out, dx, dy);
        out.writeLong(observations);
        int flags = (witness != null ? FLAG_WARM : 0) | (pendingHeld ? FLAG_PENDING : 0)
                | (ledger.episodeOpen() ? FLAG_EPISODE : 0);
        out.writeByte(flags);
        if (witness == null) {
            out.writeInt(buffered);
            StateOutput.writeDoubles(out, burnInBuffer, 0, buffered * dim);
        } else {
            out.writeDouble(sigmaX);
            out.writeDouble(sigmaY);
            witness.write(out);
        }
        if (pendingHeld) {
            for (double v : pending) {
                out.writeDouble(v);
            }
        }
        bettor.write(out);
        ledger.write(out);
    }

    /** Reads what follows the version and the shape (the factory reads those, then makes this model). */
    void readBody(DataInput in) throws IOException {
        observations = in.readLong();
        int flags = in.readUnsignedByte();
        if ((flags & FLAG_WARM) == 0) {
            int n = in.readInt();
            if (p.burnIn() == 0 || n < 0 || n >= p.burnIn()) {
                throw new IOException("SKIT state: burn-in buffer of " + n + " observations does not fit burn-in "
                        + p.burnIn());
            }
            burnInBuffer = new double[p.burnIn() * dim];
            buffered = n;
            StateInput.readDoubles(in, burnInBuffer, 0, n * dim);
            witness = null;
            sigmaX = Double.NaN;
            sigmaY = Double.NaN;
        } else {
            burnInBuffer = null;
            buffered = 0;
            sigmaX = in.readDouble();
            sigmaY = in.readDouble();
            witness = factory.newWitness(shape, sigmaX, sigmaY);
            witness.read(in);
        }
        pendingHeld = (flags & FLAG_PENDING) != 0;
        if (pendingHeld) {
            for (int i = 0; i < dim; i++) {
                pending[i] = in.readDouble();
            }
        }
        ledger.episodeOpen((flags & FLAG_EPISODE) != 0);
        bettor.read(in);
        ledger.read(in);
    }

    @Override
    public int stateBytes() {
        int bytes = BASE_BYTES + bettor.stateBytes();
        bytes += witness == null ? 4 + 8 * buffered * dim : 16 + witness.stateBytes();
        if (pendingHeld) {
            bytes += 8 * dim;
        }
        return bytes;
    }
}
