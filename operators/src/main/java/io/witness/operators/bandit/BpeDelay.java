package io.witness.operators.bandit;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * BPE-Delay, Batched Pure Exploration with Delays (Vakili et al. 2023; spec online-methods.md §B.2), over
 * K arms. In batch r it plays {@code argmax_{x ∈ X_r} σ^{(r)}(x)}, the standard deviation from this
 * batch's plays only (no rewards needed, so delays do not matter inside a batch); at the end of the batch
 * it fits the posterior to the rewards that have arrived and eliminates
 * {@code X_{r+1} = {x : μ + √β σ ≥ max_z (μ − √β σ)}}. The delay enters once per batch, through the
 * schedule's extension ({@link BpeSchedule}).
 *
 * <p>{@code codeBehaviour} switches the three differences of the reference code (§F.5): every reward of
 * the batch that arrived before its end is used (paper: only the first q_r plays'), the schedule's ψ
 * uses the running time (paper: T), and the first play of a batch maximises the previous batch's fitted
 * σ (paper: the prior, i.e. a uniformly random candidate).
 *
 * <p>When the last batch is complete the schedule is {@link #finished()}; a stream restarts it with a
 * doubled horizon (§B.4 item 4). Not thread-safe.
 */
public final class BpeDelay {
    private final BatchPosterior posterior;
    private final int arms;
    private final List<BpeSchedule.Batch> schedule;
    private final double sqrtBeta;
    private final boolean codeBehaviour;
    private final boolean[] candidate;
    private final double[] carriedSd;
    private final double[] fittedMean;
    private boolean hasCarriedSd;
    private int batch;
    private int played;
    private boolean started;

    public BpeDelay(BatchPosterior posterior, int arms, List<BpeSchedule.Batch> schedule, double sqrtBeta,
                    boolean codeBehaviour) {
        this.posterior = posterior;
        this.arms = arms;
        this.schedule = schedule;
        this.sqrtBeta = sqrtBeta;
        this.codeBehaviour = codeBehaviour;
        this.candidate = new boolean[arms];
        java.util.Arrays.fill(candidate, true);
        this.carriedSd = new double[arms];
        this.fittedMean = new double[arms];
        java.util.Arrays.fill(fittedMean, Double.NaN);
    }

    /** The posterior mean of {@code arm} at the last elimination (NaN before the first). */
    public double fittedMean(int arm) {
        return fittedMean[arm];
    }

    /** One play: the arm, and where it sits in the schedule (batch from 0, index from 1). */
    public record Play(int arm, int batch, int index, double sd) {
    }

    /** True once every play of the last batch has been made. */
    public boolean finished() {
        return batch == schedule.size() - 1 && played == schedule.get(batch).length();
    }

    public int batch() {
        return batch;
    }

    public int playedInBatch() {
        return played;
    }

    public int candidates() {
        int c = 0;
        for (boolean b : candidate) {
            c += b ? 1 : 0;
        }
        return c;
    }

    public boolean isCandidate(int arm) {
        return candidate[arm];
    }

    /** The next play; ends the current batch first (fit + elimination) when it is complete. */
    public Play next(RandomGenerator random) {
        if (finished()) {
            throw new IllegalStateException("schedule finished: restart with a longer horizon");
        }
        if (!started) {
            started = true;
            posterior.startBatch(candidateList());
        } else if (played == schedule.get(batch).length()) {
            endBatch();
        }
        boolean carried = codeBehaviour && played == 0 && hasCarriedSd;
        double best = Double.NEGATIVE_INFINITY;
        int ties = 0;
        int choice = -1;
        for (int a = 0; a < arms; a++) {
            if (!candidate[a]) {
                continue;
            }
            double s = carried ? carriedSd[a] : posterior.variance(a);
            if (s > best) {
                best = s;
                choice = a;
                ties = 1;
            } else if (s == best && random.nextInt(++ties) == 0) {
                choice = a;   // reservoir sampling: uniform among the maximisers
            }
        }
        double sd = carried ? best : Math.sqrt(best);
        posterior.addPlay(choice);
        played++;
        return new Play(choice, batch, played, sd);
    }

    /**
     * A reward for a play of this schedule. It counts when its batch is still running and (paper) the play
     * was one of the batch's first q_r; otherwise it is ignored.
     *
     * @return whether the elimination will use it
     */
    public boolean arrive(int playBatch, int index, int arm, double y) {
        if (!started || playBatch != batch) {
            return false;
        }
        if (!codeBehaviour && index > schedule.get(batch).useful()) {
            return false;
        }
        posterior.observe(arm, y);
        return true;
    }

    private void endBatch() {
        double[] mean = new double[arms];
        double[] sd = new double[arms];
        posterior.fit(mean, sd);
        double maxLcb = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < arms; a++) {
            if (candidate[a]) {
                maxLcb = Math.max(maxLcb, mean[a] - sqrtBeta * sd[a]);
            }
        }
        for (int a = 0; a < arms; a++) {
            if (candidate[a] && mean[a] + sqrtBeta * sd[a] < maxLcb) {
                candidate[a] = false;
            }
        }
        System.arraycopy(sd, 0, carriedSd, 0, arms);
        System.arraycopy(mean, 0, fittedMean, 0, arms);
        hasCarriedSd = true;
        batch++;
        played = 0;
        posterior.startBatch(candidateList());
    }

    private int[] candidateList() {
        int[] out = new int[candidates()];
        int i = 0;
        for (int a = 0; a < arms; a++) {
            if (candidate[a]) {
                out[i++] = a;
            }
        }
        return out;
    }

    int stateBytes() {
        return 4 + 4 + 1 + 1 + arms + 16 * arms;
    }

    /** The schedule position, candidate set and carried σ (the posterior writes its own state). */
    void write(DataOutput out) throws IOException {
        out.writeInt(batch);
        out.writeInt(played);
        out.writeBoolean(started);
        out.writeBoolean(hasCarriedSd);
        for (int a = 0; a < arms; a++) {
            out.writeBoolean(candidate[a]);
        }
        for (int a = 0; a < arms; a++) {
            out.writeDouble(carriedSd[a]);
            out.writeDouble(fittedMean[a]);
        }
    }

    void read(DataInput in) throws IOException {
        batch = in.readInt();
        played = in.readInt();
        if (batch < 0 || batch >= schedule.size() || played < 0 || played > schedule.get(batch).length()) {
            throw new IOException("BPE-Delay state at batch " + batch + ", play " + played + " is outside its schedule");
        }
        started = in.readBoolean();
        hasCarriedSd = in.readBoolean();
        for (int a = 0; a < arms; a++) {
            candidate[a] = in.readBoolean();
        }
        for (int a = 0; a < arms; a++) {
            carriedSd[a] = in.readDouble();
            fittedMean[a] = in.readDouble();
        }
    }
}
