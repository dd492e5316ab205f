package io.witness.operators.mmd;

import io.witness.operators.monitor.ExplanationValue;
import static io.witness.operators.monitor.ExplanationValue.number;
import static io.witness.operators.monitor.ExplanationValue.integer;
import static io.witness.operators.monitor.ExplanationValue.text;

import io.witness.operators.kernel.BandwidthHeuristics;
import io.witness.operators.kernel.PairwiseDistanceSample;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;
import io.witness.operators.monitor.Step;
import io.witness.operators.bettors.Bettor;
import io.witness.operators.bettors.WealthLedger;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Per-key sequential two-sample test by betting (spec §A's framework with an MMD witness).
 *
 * <ol>
 * <li><b>Reference</b>: the first N events of the key are kept (N·d doubles). At the N-th the bandwidth
 * is set (median heuristic on the reference, §0.2, unless fixed) and the reference is shuffled with
 * the seed: it becomes a <em>pool</em> used without replacement.</li>
 * <li><b>Bets</b>: every k live events Y₁..Y_k, the next pool point X is drawn and the bettor stakes on
 * {@code f = ½ [g(X) − (1/k) Σ_j g(Y_j)]} ∈ [−1, 1], with the witness g of {@link MeanEmbeddingWitness}
 * built from earlier bets only; then X and the Y's are ingested. Validity: under the null (stream and
 * reference i.i.d. from one law, independent of each other) X and every Y_j are fresh draws of that law
 * given everything the witness and the bettor used, so {@code E f = 0} and the wealth is a test
 * martingale — P(a test ever alarms) ≤ α. A pool point is used once: re-using reference points would
 * compare the stream with the <em>empirical</em> reference and alarm eventually on any stream.</li>
 * <li><b>Restart</b> after an alarm: wealth back to 1, witness and pool kept (a fresh test at level α,
 * as in SKIT §A.4.4). <b>Re-baseline</b> when the pool is used up (after N bets, N·k events): the
 * next N events become the new reference — a new test, counted by {@code epoch}.</li>
 * </ol>
 * Steps: statistic = log wealth, e-value = wealth, p-value = min(1, 1/max wealth of the running test),
 * threshold 1/α. The explanation says which coordinate moved (mean shift in reference standard
 * deviations, and the standard-deviation ratio, over the running test's bets) and how unlike the
 * reference the last events look (their mean witness value: −1 … +1, negative = unlike).
 *
 * <p>State (version {@value #FORMAT_VERSION}):
 * <pre>
 * byte version; long observations; byte flags (1 = testing, 2 = alarm episode open); int epoch
 * reference phase: int buffered; buffered·d doubles
 * testing phase:   double σ; int pool left; left·d doubles; witness (16 + 16·2m bytes);
 *                  int batch count; double batch witness sum; 2m doubles batch feature sum;
 *                  4d doubles coordinate sums (reference Σx, Σx², stream Σx, Σx²); bettor
 * double max log wealth; long bets; long restarts; long bets since the last alarm
 * </pre>
 */
public final class MmdBettingModel implements Model {

    static final byte FORMAT_VERSION = 1;
    static final int BASE_BYTES = 1 + 8 + 1 + 4 + WealthLedger.STATE_BYTES;
    private static final int FLAG_TESTING = 1;
    private static final int FLAG_EPISODE = 2;
    private static final long ORDER_SALT = 0x2545F4914F6CDD1DL;

    private final MmdBettingFactory factory;
    private final MmdBettingParameters p;
    private final int d;
    private Bettor bettor;

    // ---- state ----
    private long observations;
    private int epoch;
    private double[] reference;     // reference phase: the buffer; testing phase: the pool
    private int buffered;           // reference phase: points buffered
    private int poolNext;           // testing phase: index of the next unused pool point
    private double sigma = Double.NaN;
    private MeanEmbeddingWitness witness; // null in the reference phase
    private int batchCount;
    private double batchWitness;
    private double[] batchPhi;
    private final double[] coordSums;
    private final WealthLedger ledger;

    // ---- scratch ----
    private double[] phi;
    private double lastEventWitness;

    MmdBettingModel(MmdBettingFactory factory) {
        this.factory = factory;
        this.p = factory.parameters();
        this.d = p.d();
        this.ledger = new WealthLedger(p.alpha(), p.resolveAfter());
        this.bettor = factory.newBettor();
        this.coordSums = new double[4 * d];
        this.reference = new double[p.referenceSize() * d];
    }

    @Override
    public Step update(long time, double[] values) {
        if (values.length != d) {
            throw new IllegalArgumentException("mmd-betting expects " + d + " values, got " + values.length);
        }
        observations++;
        if (witness == null) {
            System.arraycopy(values, 0, reference, buffered * d, d);
            buffered++;
            if (buffered == p.referenceSize()) {
                startTesting();
            }
            return null;
        }
        witness.map(values, 0, phi);
        double g = witness.value(phi);
        batchWitness += g;
        for (int i = 0; i < phi.length; i++) {
            batchPhi[i] += phi[i];
        }
        for (int a = 0; a < d; a++) {
            coordSums[2 * d + a] += values[a];
            coordSums[3 * d + a] += values[a] * values[a];
        }
        batchCount++;
        if (batchCount < p.eventsPerBet()) {
            return null;
        }
        return bet();
    }

    private Step bet() {
        int k = batchCount;
        int off = poolNext * d;
        for (int a = 0; a < d; a++) {
            double v = reference[off + a];
            coordSums[a] += v;
            coordSums[d + a] += v * v;
        }
        witness.map(reference, off, phi);
        double normUsed = witness.norm();
        double gx = witness.value(phi);
        double gy = batchWitness / k;
        double f = 0.5 * (gx - gy);
        bettor.bet(f);
        witness.ingestReference(phi);
        witness.ingestStream(batchPhi, k);
        poolNext++;
        lastEventWitness = gy;
        batchCount = 0;
        batchWitness = 0;
        java.util.Arrays.fill(batchPhi, 0.0);
        ledger.countBet();
        Step step = ledger.settle(observations, bettor, explain(f, normUsed));
        if (poolNext == p.referenceSize()) {
            rebaseline();
        }
        return step;
    }

    private Map<String, ExplanationValue> explain(double f, double normUsed) {
        Map<String, ExplanationValue> why = new LinkedHashMap<>();
        why.put("bet", integer(ledger.bets()));
        why.put("payoff", number(f));
        why.put("lambda", number(bettor.lastLambda()));
        why.put("witness_norm", number(normUsed));
        why.put("event_witness", number(lastEventWitness));
        int shiftAt = 0;
        double shift = 0;
        int scaleAt = 0;
        double scale = 1;
        long n = poolNext;
        for (int a = 0; a < d; a++) {
            double mr = coordSums[a] / n;
            double vr = Math.max(coordSums[d + a] / n - mr * mr, 0);
            long ns = n * p.eventsPerBet();
            double ms = coordSums[2 * d + a] / ns;
            double vs = Math.max(coordSums[3 * d + a] / ns - ms * ms, 0);
            double sr = Math.sqrt(vr);
            double z = sr > 0 ? (ms - mr) / sr : 0;
            double ratio = sr > 0 ? Math.sqrt(vs) / sr : 1;
            if (Math.abs(z) > Math.abs(shift)) {
                shift = z;
                shiftAt = a;
            }
            if (Math.abs(Math.log(ratio)) > Math.abs(Math.log(scale))) {
                scale = ratio;
                scaleAt = a;
            }
        }
        why.put("mean_shift_coordinate", integer(shiftAt));
        why.put("mean_shift_sd", number(shift));
        why.put("sd_ratio_coordinate", integer(scaleAt));
        why.put("sd_ratio", number(scale));
        why.put("sigma", number(sigma));
        why.put("reference_left", integer(p.referenceSize() - poolNext));
        why.put("bettor", text(bettor.name()));
        why.put("epoch", integer(epoch));
        why.put("test", integer(ledger.restarts()));
        why.put("seed", integer(p.seed()));
        return why;
    }

    /** End of the reference phase: bandwidth, shuffled pool, empty witness, fresh test. */
    private void startTesting() {
        int n = p.referenceSize();
        long s = p.seed() ^ ORDER_SALT ^ (31L * epoch);
        sigma = Double.isNaN(p.bandwidth())
                ? BandwidthHeuristics.median(PairwiseDistanceSample.of(reference, n, d, s))
                : p.bandwidth();
        SplittableRandom rng = new SplittableRandom(s);
        double[] tmp = new double[d];
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            System.arraycopy(reference, i * d, tmp, 0, d);
            System.arraycopy(reference, j * d, reference, i * d, d);
            System.arraycopy(tmp, 0, reference, j * d, d);
        }
        newWitness();
        poolNext = 0;
        buffered = 0;
    }

    private void newWitness() {
        witness = new MeanEmbeddingWitness(factory.features(), sigma);
        phi = new double[witness.length()];
        batchPhi = new double[witness.length()];
    }

    /** The pool is used up: the next N events become the new reference (a new test). */
    private void rebaseline() {
        epoch++;
        witness = null;
        sigma = Double.NaN;
        poolNext = 0;
        buffered = 0;
        java.util.Arrays.fill(coordSums, 0.0);
        bettor = factory.newBettor();   // a new test: nothing of the old one is carried (the reference phase has no bettor state)
        ledger.newTest();
    }

    @Override
    public long observations() {
        return observations;
    }

    /** The bandwidth in use (NaN in the reference phase). */
    public double sigma() {
        return sigma;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        out.writeLong(observations);
        out.writeByte((witness != null ? FLAG_TESTING : 0) | (ledger.episodeOpen() ? FLAG_EPISODE : 0));
        out.writeInt(epoch);
        if (witness == null) {
            out.writeInt(buffered);
            StateOutput.writeDoubles(out, reference, 0, buffered * d);
        } else {
            out.writeDouble(sigma);
            int left = p.referenceSize() - poolNext;
            out.writeInt(left);
            StateOutput.writeDoubles(out, reference, poolNext * d, left * d);
            witness.write(out);
            out.writeInt(batchCount);
            out.writeDouble(batchWitness);
            StateOutput.writeDoubles(out, batchPhi, 0, batchPhi.length);
            StateOutput.writeDoubles(out, coordSums, 0, coordSums.length);
            bettor.write(out);
        }
        ledger.write(out);
    }

    void readState(DataInput in) throws IOException {
        byte version = in.readByte();
        if (version != FORMAT_VERSION) {
            throw new IOException("mmd-betting state: unknown format version " + version
                    + " (this build reads version " + FORMAT_VERSION + ")");
        }
        observations = in.readLong();
        int flags = in.readUnsignedByte();
        ledger.episodeOpen((flags & FLAG_EPISODE) != 0);
        epoch = in.readInt();
        int n = p.referenceSize();
        if ((flags & FLAG_TESTING) == 0) {
            buffered = in.readInt();
            if (buffered < 0 || buffered >= n) {
                throw new IOException("mmd-betting state: " + buffered + " reference points do not fit reference-size " + n);
            }
            StateInput.readDoubles(in, reference, 0, buffered * d);
            witness = null;
        } else {
            sigma = in.readDouble();
            int left = in.readInt();
            if (left < 1 || left > n) {
                throw new IOException("mmd-betting state: pool of " + left + " does not fit reference-size " + n);
            }
            poolNext = n - left;
            StateInput.readDoubles(in, reference, poolNext * d, left * d);
            newWitness();
            witness.read(in);
            batchCount = in.readInt();
            if (batchCount < 0 || batchCount >= p.eventsPerBet()) {
                throw new IOException("mmd-betting state: batch of " + batchCount + " events");
            }
            batchWitness = in.readDouble();
            StateInput.readDoubles(in, batchPhi, 0, batchPhi.length);
            StateInput.readDoubles(in, coordSums, 0, coordSums.length);
            bettor.read(in);
        }
        ledger.read(in);
    }

    @Override
    public int stateBytes() {
        if (witness == null) {
            return BASE_BYTES + 4 + 8 * buffered * d;
        }
        return BASE_BYTES + testingBytes(p.referenceSize() - poolNext, witness.length(), d) + bettor.stateBytes();
    }

    private static int testingBytes(int left, int features, int d) {
        return 8 + 4 + 8 * left * d + MeanEmbeddingWitness.bytesFor(features) + 4 + 8 + 8 * features + 8 * 4 * d;
    }

    /** Upper bound of the state over the whole life of a key. */
    static int maxBytes(MmdBettingFactory f) {
        MmdBettingParameters p = f.parameters();
        int reference = BASE_BYTES + 4 + 8 * (p.referenceSize() - 1) * p.d();
        int testing = BASE_BYTES + testingBytes(p.referenceSize(), f.features().outputDim(), p.d())
                + f.newBettor().stateBytes();
        return Math.max(reference, testing);
    }
}
