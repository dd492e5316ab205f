package io.witness.operators.bettors;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A betting strategy of a test by betting — SKIT and mmd-betting (spec §A.2.5–A.2.6), in log space (§0.3): each bet on a payoff
 * {@code f ∈ [-1, 1]} with a predictable fraction {@code λ ∈ [0, 1)} does {@code logW += log1p(λ f)}.
 *
 * <p>Wealth and adaptation are separate: {@link #resetWealth()} restarts the wealth at 1 and keeps
 * the adaptive state (ONS step sizes, aGRAPA moments). That is valid because the guarantee holds for
 * <em>any</em> predictable λ (§A.3): the adaptive state is a function of past pairs only, so the
 * restarted wealth is again a test martingale started at 1.
 */
public interface Bettor {

    /** Places the bet on {@code f} with the predictable fraction, then adapts. */
    void bet(double f);

    /** The fraction used by the last {@link #bet} (for the mixture: the wealth-weighted mean fraction). */
    double lastLambda();

    /** Natural log of the current wealth. */
    double logWealth();

    /** Wealth back to 1; the adaptive state is kept. */
    void resetWealth();

    /** Short name for explanations. */
    String name();

    void write(DataOutput out) throws IOException;

    /** Reads what {@link #write} wrote into this freshly made instance (same parameters). */
    void read(DataInput in) throws IOException;

    int stateBytes();

    /** {@code 1 + λ f > 0} always holds for |f| ≤ 1, λ < 1 (§A.2.6: keep only as a defensive check). */
    static double logGrowth(double lambda, double f) {
        double g = Math.log1p(lambda * f);
        if (!(g > Double.NEGATIVE_INFINITY)) {
            throw new IllegalStateException("bet would make wealth non-positive: λ=" + lambda + ", f=" + f);
        }
        return g;
    }
}
