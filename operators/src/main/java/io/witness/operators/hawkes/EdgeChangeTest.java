package io.witness.operators.hawkes;

import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code new-edge} / {@code vanished-edge} alarms: for every pair {@code j → i}, two sequential tests
 * by betting (likelihood-ratio e-processes) of a change of {@code α_ij} against its reference value
 * {@code α⁰_ij}, the fit {@code edge-reference} after the first refit, frozen (spec §A.8; Shafer 2021 / Ramdas et al. 2023
 * "testing by betting").
 *
 * <p><b>Nulls.</b> Up: {@code α_ij ≤ a⁺ = α⁰_ij + δ}; down: {@code α_ij ≥ a⁻ = α⁰_ij − δ} (only while
 * {@code a⁻ > 0}), δ = {@code edge-change}. <b>Bets.</b> Over each refit interval the bet is fixed at the
 * previous refit (predictable): up {@code ε⁺ = δ} where that refit's estimate {@code α̂_ij ≥ α⁰_ij + δ/2},
 * down {@code ε⁻ = min(δ, a⁻)} where {@code α̂_ij ≤ α⁰_ij − δ/2}, else no bet (the wealth stays). <b>Wealth.</b> The interval multiplies
 * it by the likelihood ratio of the grid model with {@code α_ij = a ± ε} against {@code α_ij = a}, the other
 * parameters at the reference fit (μ⁰, α⁰, frozen with it):
 * {@code Π_{type-i events} (1 ± ε g_ij(t)/λ_a(t)) · exp(∓ε ∫ g_ij dt)}, {@code g_ij(t) = Σ_r z_j[r] φ_ij[t − r]}
 * (the excitation per unit α_ij, current kernel shapes) and {@code λ_a = λ⁰_i − α⁰_ij g_ij + a g_ij}. Under the
 * null with the reference's other parameters right, each factor has conditional mean ≤ 1 ({@code λ_true ≤ λ_a} for up, ≥ for down), so the
 * wealth is a non-negative supermartingale and, by Ville's inequality, it ever reaches 1/c with
 * probability at most c; the thresholds ({@link #logThreshold}) split α over the pairs so that any edge
 * alarm of a key, over its whole life, has probability at most α. After an alarm the pair's
 * own α⁰ (its nulls' centre) moves to the current fit and its wealth starts again at 1; the intensity the
 * tests bet against keeps the reference (a pair that alarmed first — often the wrong one while the fit
 * catches up with a change — does not mask the others).
 *
 * <p><b>Assumptions.</b> The grid Hawkes model with the fitted kernel shapes; baselines and the other
 * excitations as in the reference fit (an error in them is a model error the bound does not cover: δ,
 * the length of {@code edge-reference} and the bets' gate are the margin for it); events in order (a late
 * event is counted in the statistics but not bet on). After a real change of one pair, other pairs of the
 * same excited type can alarm too (their reference no longer describes the process).
 */
final class EdgeChangeTest {
    private final double delta;
    private int p;
    /** α⁰ per pair; NaN until frozen. */
    private double[] reference;
    /** μ⁰ per type; NaN until frozen. */
    private double[] referenceMu;
    /** The pair's own α⁰ for its nulls: the reference, re-frozen at the fit of each alarm of the pair. */
    private double[] level;
    private double[] logWealthUp;
    private double[] logWealthDown;
    private double[] betUp;
    private double[] betDown;
    /** This interval: Σ log(1 ± ε g/λ_a) over type-i events, and ∫ g_ij dt. */
    private double[] eventsUp;
    private double[] eventsDown;
    private double[] excitation;

    EdgeChangeTest(int p, double delta) {
        this.delta = delta;
        this.p = p;
        reference = nan(p * p);
        referenceMu = nan(p);
        level = nan(p * p);
        logWealthUp = new double[p * p];
        logWealthDown = new double[p * p];
        betUp = new double[p * p];
        betDown = new double[p * p];
        eventsUp = new double[p * p];
        eventsDown = new double[p * p];
        excitation = new double[p * p];
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    void addDimension() {
        reference = grow(reference, Double.NaN);
        level = grow(level, Double.NaN);
        referenceMu = Arrays.copyOf(referenceMu, p + 1);
        referenceMu[p] = Double.NaN;
        logWealthUp = grow(logWealthUp, 0);
        logWealthDown = grow(logWealthDown, 0);
        betUp = grow(betUp, 0);
        betDown = grow(betDown, 0);
        eventsUp = grow(eventsUp, 0);
        eventsDown = grow(eventsDown, 0);
        excitation = grow(excitation, 0);
        p++;
    }

    private double[] grow(double[] a, double fill) {
        int q = p + 1;
        double[] b = new double[q * q];
        Arrays.fill(b, fill);
        for (int i = 0; i < p; i++) {
            System.arraycopy(a, i * p, b, i * q, p);
        }
        return b;
    }

    boolean betting() {
        for (int ij = 0; ij < p * p; ij++) {
            if (betUp[ij] > 0 || betDown[ij] > 0) {
                return true;
            }
        }
        return false;
    }

    /** Integration of the interval: {@code ∫ g_ij dt} grows by {@code amount} (Residuals' kernel integrals). */
    void addExcitation(int i, int j, double amount) {
        excitation[i * p + j] += amount;
    }

    /**
     * A type-i event: {@code g[j]} its excitation per unit α from each of the {@code fitted} types. The
     * intensity bet against is the reference fit's, {@code λ⁰_i = μ⁰_i + Σ_k α⁰_ik g_k}, with α_ij at the
     * null's boundary.
     */
    void onEvent(int i, double[] g, int fitted) {
        double lambda = referenceMu[i];
        for (int k = 0; k < fitted; k++) {
            lambda += reference[i * p + k] * g[k];
        }
        if (Double.isNaN(lambda)) {
            return;     // a type of this row has no reference yet
        }
        for (int j = 0; j < fitted; j++) {
            int ij = i * p + j;
            if (g[j] <= 0) {
                continue;
            }
            double base = lambda - reference[ij] * g[j];
            if (betUp[ij] > 0) {
                double la = base + (level[ij] + delta) * g[j];
                eventsUp[ij] += Math.log1p(betUp[ij] * g[j] / la);
            }
            if (betDown[ij] > 0) {
                double la = base + (level[ij] - delta) * g[j];
                eventsDown[ij] += Math.log1p(-betDown[ij] * g[j] / la);
            }
        }
    }

    /**
     * At a refit: closes the interval into the wealths, alarms where a wealth reached its threshold,
     * freezes references once {@code referenceReady}, and sets the next interval's bets from {@code alpha}.
     *
     * @return the pairs {@code [i, j]} whose α rose (index 0) and fell (index 1) significantly
     */
    List<int[]>[] refit(double[] mu, double[] alpha, int q, int fitted, boolean referenceReady, double alphaLevel) {
        List<int[]> up = new ArrayList<>();
        List<int[]> down = new ArrayList<>();
        for (int i = 0; i < fitted; i++) {
            if (referenceReady && Double.isNaN(referenceMu[i])) {
                referenceMu[i] = mu[i];
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                int ij = i * p + j;
                logWealthUp[ij] += eventsUp[ij] - betUp[ij] * excitation[ij];
                logWealthDown[ij] += eventsDown[ij] + betDown[ij] * excitation[ij];
                eventsUp[ij] = 0;
                eventsDown[ij] = 0;
                excitation[ij] = 0;
                boolean live = i < fitted && j < fitted;
                double a = live ? alpha[i * q + j] : 0;
                if (referenceReady && live && Double.isNaN(reference[ij])) {
                    reference[ij] = a;       // the reference fit: tests start on the next interval
                    level[ij] = a;
                } else if (!Double.isNaN(reference[ij])) {
                    double threshold = logThreshold(i, j, alphaLevel);
                    boolean rose = logWealthUp[ij] >= threshold;
                    boolean fell = logWealthDown[ij] >= threshold;
                    if (rose) {
                        up.add(new int[]{i, j});
                    }
                    if (fell) {
                        down.add(new int[]{i, j});
                    }
                    if (rose || fell) {
                        // the pair's nulls move to the change; the other pairs' intensity keeps the reference
                        level[ij] = a;
                        logWealthUp[ij] = 0;
                        logWealthDown[ij] = 0;
                    }
                }
                double r = level[ij];
                if (Double.isNaN(r) || !live) {
                    betUp[ij] = 0;
                    betDown[ij] = 0;
                    continue;
                }
                // bet δ on the next interval where the fit has moved at least δ/2 from the reference
                betUp[ij] = a >= r + delta / 2 ? delta : 0;
                double floor = r - delta;
                betDown[ij] = floor > 0 && a <= r - delta / 2 ? Math.min(delta, floor) : 0;
            }
        }
        @SuppressWarnings("unchecked")
        List<int[]>[] out = new List[]{up, down};
        return out;
    }

    /**
     * The log-wealth at which pair (i, j) alarms: the level α is split over the types in their order of
     * appearance, type m (0-based) bringing the 2m + 1 pairs with {@code max(i, j) = m} and a budget of
     * {@code 2^−(m+1)}, shared by those pairs' two directions; by Ville's inequality and the union bound,
     * the probability of any edge alarm of a key over its whole life is at most {@code α · Σ 2^−(m+1) < α},
     * however many types it has. Two types: thresholds {@code log(4/α)} for the first type's self-pair and
     * {@code log(24/α)} for the pairs of the second.
     */
    static double logThreshold(int i, int j, double alpha) {
        int m = Math.max(i, j);
        return Math.log(2.0 * (2 * m + 1) / alpha) + (m + 1) * Math.log(2.0);
    }

    /** The pair's α⁰ its nulls are centred on (NaN before the reference). */
    double reference(int i, int j) {
        return level[i * p + j];
    }

    /** The larger of the pair's two log-wealths (0 before its reference). */
    double logWealth(int i, int j) {
        return Math.max(logWealthUp[i * p + j], logWealthDown[i * p + j]);
    }

    int stateBytes() {
        return 8 * p + 9 * 8 * p * p;
    }

    void write(DataOutput out) throws IOException {
        StateOutput.writeDoubles(out, referenceMu, 0, p);
        int n = p * p;
        for (double[] a : new double[][]{reference, level, logWealthUp, logWealthDown, betUp, betDown, eventsUp, eventsDown,
                excitation}) {
            StateOutput.writeDoubles(out, a, 0, n);
        }
    }

    void read(DataInput in) throws IOException {
        StateInput.readDoubles(in, referenceMu, 0, p);
        int n = p * p;
        for (double[] a : new double[][]{reference, level, logWealthUp, logWealthDown, betUp, betDown, eventsUp, eventsDown,
                excitation}) {
            StateInput.readDoubles(in, a, 0, n);
        }
    }
}
