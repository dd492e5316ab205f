package io.witness.operators.skit;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The HSIC witness of SKIT (spec §A.2.2–A.2.3) estimated from a history of observations, and the
 * payoff it gives a new pair.
 *
 * <p>Contract that keeps the test valid (§A.2.5, §A.3): {@link #payoff} uses the history only, and the
 * pair is added with {@link #ingest} <em>after</em> its payoff has been computed. Implementations may
 * cache work from {@code payoff} for the {@code ingest} of the same pair that follows it.
 */
public interface HsicWitness {

    /**
     * The payoff {@code f ∈ [-1, 1]} of the pair {@code (x1,y1), (x2,y2)} under the current witness;
     * antisymmetric under swapping {@code y1, y2} (§A.3). 0 while the witness norm is below
     * {@link #MIN_NORM}.
     */
    double payoff(double[] x1, double[] y1, double[] x2, double[] y2);

    /** Adds the pair to the history (after its payoff, never before). */
    void ingest(double[] x1, double[] y1, double[] x2, double[] y2);

    /** The current normaliser {@code ‖ĝ‖} — the value the next payoff divides by. */
    double norm();

    /** True once at least one pair has been ingested (a payoff before that is meaningless). */
    boolean hasHistory();

    /** Short name for explanations: {@code exact} or {@code rff}. */
    String name();

    void write(DataOutput out) throws IOException;

    /** Reads what {@link #write} wrote into this freshly made instance (same parameters). */
    void read(DataInput in) throws IOException;

    /** Bytes {@link #write} writes now. */
    int stateBytes();

    /** Below this norm the witness carries no signal and the payoff is 0 (§A.2.2). */
    double MIN_NORM = 1e-12;
}
