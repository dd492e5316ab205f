package io.witness.operators.hawkes;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a refit is compared with, per key: the current excitation graph (edge {@code j → i} on when
 * {@code α_ij ≥ threshold}, off again below half of it — hysteresis — and either change only after it
 * held at {@code confirm} consecutive refits: both against flapping on estimation noise). Also the
 * alarm episode bookkeeping for {@code clear}.
 */
final class ChangeTracker {
    private int p;
    private boolean[] edges;
    /** Consecutive refits at which the pair's α disagreed with its edge state (capped at 127). */
    private byte[] pending;
    boolean episode;
    int quietRefits;

    ChangeTracker(int p) {
        this.p = p;
        this.edges = new boolean[p * p];
        this.pending = new byte[p * p];
    }

    void addDimension() {
        int q = p + 1;
        boolean[] e = new boolean[q * q];
        byte[] c = new byte[q * q];
        for (int i = 0; i < p; i++) {
            System.arraycopy(edges, i * p, e, i * q, p);
            System.arraycopy(pending, i * p, c, i * q, p);
        }
        edges = e;
        pending = c;
        p = q;
    }

    boolean edge(int i, int j) {
        return edges[i * p + j];
    }

    /** Applies hysteresis, the significance screen (an edge appears only with z ≥ minZ) and confirmation to α; returns the edges that appeared ({@code [i, j]}) and those that vanished. */
    List<int[]>[] edges(double[] alpha, double[] z, double threshold, double minZ, int confirm) {
        List<int[]> appeared = new ArrayList<>();
        List<int[]> vanished = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                int ij = i * p + j;
                boolean flip = edges[ij] ? alpha[ij] < threshold / 2 : alpha[ij] >= threshold && z[ij] >= minZ;
                pending[ij] = flip ? (byte) Math.min(127, pending[ij] + 1) : 0;
                if (pending[ij] >= confirm) {
                    edges[ij] = !edges[ij];
                    pending[ij] = 0;
                    (edges[ij] ? appeared : vanished).add(new int[]{i, j});
                }
            }
        }
        @SuppressWarnings("unchecked")
        List<int[]>[] out = new List[]{appeared, vanished};
        return out;
    }

    int stateBytes() {
        return 2 * p * p + 1 + 4;
    }

    void write(DataOutput out) throws IOException {
        for (boolean e : edges) {
            out.writeBoolean(e);
        }
        out.write(pending);
        out.writeBoolean(episode);
        out.writeInt(quietRefits);
    }

    void read(DataInput in) throws IOException {
        for (int n = 0; n < p * p; n++) {
            edges[n] = in.readBoolean();
        }
        in.readFully(pending);
        for (byte b : pending) {
            if (b < 0) {
                throw new IOException("negative edge confirmation count in Hawkes state");
            }
        }
        episode = in.readBoolean();
        quietRefits = in.readInt();
    }
}
