package io.witness.operators.bandit;

import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One JDP exploration batch (spec online-methods.md §C.1 step 2): the second-moment matrix
 * {@code Σ = Σ ψψᵀ} (upper triangle, packed row by row) and {@code h = Σ ψy} of its answered plays,
 * with the bookkeeping that decides when it can be released: how many plays it takes ({@code quota}),
 * how many it has taken, and how many are still waiting for their reward.
 * Bytes: {@code 4·5 + 8·(m(m+1)/2 + m)}.
 */
final class ExplorationStats {
    final int id;
    final int quota;
    int taken;
    int outstanding;
    int answered;
    final double[] sigma;
    final double[] h;
    private final int m;

    ExplorationStats(int id, int quota, int m) {
        this.id = id;
        this.quota = quota;
        this.m = m;
        this.sigma = new double[m * (m + 1) / 2];
        this.h = new double[m];
    }

    boolean full() {
        return taken >= quota;
    }

    /** Adds an answered play: Σ += ψψᵀ, h += ψ·y (y already clipped). */
    void add(double[] psi, double y) {
        int at = 0;
        for (int i = 0; i < m; i++) {
            double pi = psi[i];
            for (int j = i; j < m; j++) {
                sigma[at++] += pi * psi[j];
            }
            h[i] += pi * y;
        }
        answered++;
    }

    static int bytes(int m) {
        return 4 * 5 + 8 * (m * (m + 1) / 2 + m);
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(id);
        out.writeInt(quota);
        out.writeInt(taken);
        out.writeInt(outstanding);
        out.writeInt(answered);
        StateOutput.writeDoubles(out, sigma, 0, sigma.length);
        StateOutput.writeDoubles(out, h, 0, m);
    }

    static ExplorationStats read(DataInput in, int m) throws IOException {
        int id = in.readInt();
        int quota = in.readInt();
        ExplorationStats s = new ExplorationStats(id, quota, m);
        s.taken = in.readInt();
        s.outstanding = in.readInt();
        s.answered = in.readInt();
        if (quota < 1 || s.taken < 0 || s.outstanding < 0 || s.outstanding > s.taken) {
            throw new IOException("JDP batch state is inconsistent (quota " + quota + ", taken " + s.taken
                    + ", outstanding " + s.outstanding + ")");
        }
        StateInput.readDoubles(in, s.sigma, 0, s.sigma.length);
        StateInput.readDoubles(in, s.h, 0, m);
        return s;
    }
}
