package io.witness.operators.bandit;

import io.witness.operators.kernel.Kernel;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * BPE-Delay as a streaming policy (spec online-methods.md §B.2, §B.4 item 4). It is not contextual: the
 * arms are the candidate actions of the first request, and every later request must offer the same
 * ones (same count, same feature vectors, same order). The schedule is computed for the configured
 * horizon T in plays; when it is finished the policy restarts with 2T and every arm back in play (an
 * "epoch"), so an unbounded stream keeps bounded state: {@link ArmCountsPosterior}'s per-arm counts,
 * never a per-play matrix. A reward counts only for the batch that is still running
 * ({@link BpeDelay#arrive}); expiry needs no undo (plays change only the variance, which needs no reward).
 *
 * <p>State: {@code 16 (plays, version) + 8 (horizon) + 4 (epoch) + 2 (K) + 8·K·d (arms)
 * + 10 + 17·K (schedule position, candidates, fitted σ and μ) + 16·K (counts)} bytes.
 */
final class BpeDelayPolicy implements BanditPolicy {
    private static final int INDEX_BITS = 40;
    private static final int BATCH_BITS = 12;

    private final BanditParameters params;
    private final Kernel kernel;
    private long plays;
    private long version;
    private long horizon;
    private int epoch;
    private double[] arms;
    private int k;
    private ArmCountsPosterior posterior;
    private BpeDelay bpe;

    BpeDelayPolicy(BanditParameters params, Kernel kernel) {
        this.params = params;
        this.kernel = kernel;
        this.horizon = params.horizon();
    }

    BpeDelay bpe() {
        return bpe;
    }

    private void start() {
        posterior = new ArmCountsPosterior(kernel, arms, params.inputDim(), params.noiseVariance());
        List<BpeSchedule.Batch> schedule = BpeSchedule.batches(horizon, params.expectedDelay(), params.delayXi(),
                params.delayB(), params.delta(), params.codeBehaviour());
        bpe = new BpeDelay(posterior, k, schedule, params.fixedWidth(), params.codeBehaviour());
    }

    @Override
    public Choice decide(double[] inputs, int count) {
        int d = params.inputDim();
        if (arms == null) {
            arms = Arrays.copyOf(inputs, count * d);
            k = count;
            start();
        } else if (count != k || !Arrays.equals(arms, 0, k * d, inputs, 0, k * d)) {
            throw new IllegalArgumentException("policy bpe-delay plays a fixed action set: this request offers "
                    + count + " candidates that differ from the " + k + " of the first request");
        }
        if (bpe.finished()) {
            horizon = Math.min(2 * horizon, 1L << 40);
            epoch = (epoch + 1) & ((1 << BATCH_BITS) - 1);
            start();
            version++;
        }
        int batchBefore = bpe.batch();
        BpeDelay.Play play = bpe.next(Seeds.forPlay(params.seed(), plays));
        if (bpe.batch() != batchBefore) {
            version++;   // an elimination happened
        }
        long tag = ((long) epoch << (INDEX_BITS + BATCH_BITS)) | ((long) play.batch() << INDEX_BITS) | play.index();
        long ticket = plays++;
        double[] x = Arrays.copyOfRange(arms, play.arm() * d, play.arm() * d + d);
        return new Choice(play.arm(), play.sd(), bpe.fittedMean(play.arm()), play.sd(), true,
                new PendingDecision(ticket, tag, play.arm(), 0.0, 0, x));
    }

    @Override
    public boolean reward(PendingDecision decision, double reward) {
        long tag = decision.tag();
        int playEpoch = (int) (tag >>> (INDEX_BITS + BATCH_BITS));
        int batch = (int) ((tag >>> INDEX_BITS) & ((1L << BATCH_BITS) - 1));
        int index = (int) (tag & ((1L << INDEX_BITS) - 1));
        if (bpe == null || playEpoch != epoch || decision.action() >= k) {
            return false;
        }
        return bpe.arrive(batch, index, decision.action(), reward);
    }

    @Override
    public void expire(PendingDecision decision) {
        // nothing to undo: a play entered only the within-batch variance, which is what it is meant to do
    }

    @Override
    public long plays() {
        return plays;
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public int stateBytes() {
        int d = params.inputDim();
        return 16 + 8 + 4 + 2 + (arms == null ? 0 : 8 * k * d + bpe.stateBytes() + posterior.stateBytes());
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(plays);
        out.writeLong(version);
        out.writeLong(horizon);
        out.writeInt(epoch);
        out.writeShort(arms == null ? 0 : k);
        if (arms != null) {
            io.witness.operators.monitor.StateOutput.writeDoubles(out, arms, 0, arms.length);
            bpe.write(out);
            posterior.write(out);
        }
    }

    void readState(DataInput in) throws IOException {
        plays = in.readLong();
        version = in.readLong();
        horizon = in.readLong();
        epoch = in.readInt();
        k = in.readUnsignedShort();
        if (horizon < 2 || k > BanditParameters.MAX_ACTIONS) {
            throw new IOException("BPE-Delay state with horizon " + horizon + " and " + k + " arms is invalid");
        }
        if (k > 0) {
            arms = new double[k * params.inputDim()];
            io.witness.operators.monitor.StateInput.readDoubles(in, arms, 0, arms.length);
            start();
            bpe.read(in);
            posterior.read(in);
        }
    }
}
