package io.witness.operators.bandit;

import io.witness.operators.kernel.FeatureMap;
import io.witness.operators.kernel.GaussianSampler;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * A jointly differentially private kernel contextual bandit. <b>Our design</b>, following the description
 * of USCA (Pavlovic, Salgia, Zhao, AISTATS 2025) in spec online-methods.md §C.1 — data-independent
 * uniform exploration, a covariance-based estimator of low sensitivity, noise only on aggregates —
 * not a transcription of the paper's pseudo-code (which was not available):
 * <ol>
 *   <li>a public feature map ψ: random Fourier features of {@code x = [context, action]} drawn from the
 *       configured seed, {@code ‖ψ‖ = 1} (never landmarks chosen from user data, §F.7);</li>
 *   <li>exploration batches b = 0, 1, … of {@code n₀·2^b} plays with a uniformly random action; whether a
 *       play explores is a coin that depends only on (seed, play number): always before the first
 *       release, then with probability {@code explore-rate}; a batch accumulates {@code Σ = Σ ψψᵀ} and
 *       {@code h = Σ ψ·clip(y, −1, 1)} of its answered plays;</li>
 *   <li>once a batch has taken its plays and every one is answered or expired, it is released once with
 *       the Gaussian mechanism: {@code Σ̃ = Σ + E} (E symmetric, upper triangle i.i.d. {@code N(0, s_Σ²)}),
 *       {@code h̃ = h + N(0, s_h² I)}, replace-one sensitivities √2 and 2, each release at
 *       {@code (ε/2, δ/2)} ({@link GaussianMechanism}); releases are summed;</li>
 *   <li>{@code θ̂ = (Σ̃ + λ_priv I)⁻¹ h̃} with {@code λ_priv = λ₀ + 2 s_Σ √(R·m)} after R releases (the
 *       spectral norm of the summed noise w.h.p.);</li>
 *   <li>an exploitation play shows {@code argmax_a ψ(c, a)ᵀθ̂}: post-processing of the releases and the
 *       user's own context, hence jointly DP ("billboard" argument). Its reward is never used.</li>
 * </ol>
 * Each request is in at most one batch (disjoint data, parallel composition): every request's context and
 * reward are protected at (ε, δ). An entity behind several requests, or behind requests in every batch,
 * spends more: {@link #epsilonSpent()} is that worst case, composed in zCDP over the R releases.
 * At most {@code max-releases} batches are ever released; after that the policy only exploits.
 *
 * <p>The noise is drawn from a per-key secret seed made by {@link SecureRandom} when the key is first seen
 * and kept in the state: a replay after a crash re-releases the <em>same</em> noise (two independent draws
 * of one statistic would spend its budget twice), which also makes the state itself sensitive.
 *
 * <p>State: {@code 16 + 8 + 8 + 1 + 2·(20 + 8·(m(m+1)/2 + m)) + 8·(m(m+1)/2 + m)} bytes at most (two open
 * batches and the released sums).
 */
final class JdpPolicy implements BanditPolicy {
    private final BanditParameters params;
    private final FeatureMap map;
    private final int m;
    private final double sigmaNoise;
    private final double hNoise;
    private long plays;
    private long version;
    private long secret;
    private int releases;
    private ExplorationStats collecting;
    private ExplorationStats closing;
    private final double[] releasedSigma;
    private final double[] releasedH;
    private transient double[] theta;
    private transient double[] cholesky;

    private static final SecureRandom SECRETS = new SecureRandom();

    /** A fresh policy; its noise secret comes from {@link SecureRandom} unless a noise seed is configured. */
    static JdpPolicy create(BanditParameters params, FeatureMap map) {
        JdpPolicy p = new JdpPolicy(params, map);
        p.secret = params.fixedNoiseSeed() ? params.noiseSeed() : SECRETS.nextLong();
        return p;
    }

    /** An empty policy for {@link #readState} to fill. */
    JdpPolicy(BanditParameters params, FeatureMap map) {
        this.params = params;
        this.map = map;
        this.m = map.outputDim();
        double epsPart = params.epsilon() / 2;
        double deltaPart = params.privacyDelta() / 2;
        this.sigmaNoise = GaussianMechanism.sigma(Math.sqrt(2), epsPart, deltaPart);
        this.hNoise = GaussianMechanism.sigma(2, epsPart, deltaPart);
        this.releasedSigma = new double[m * (m + 1) / 2];
        this.releasedH = new double[m];
        this.collecting = new ExplorationStats(0, quota(0), m);
    }

    /** s_Σ, the noise sd of each entry of a released Σ. */
    double sigmaNoise() {
        return sigmaNoise;
    }

    /** s_h, the noise sd of each entry of a released h. */
    double hNoise() {
        return hNoise;
    }

    int releases() {
        return releases;
    }

    /** λ_priv = λ₀ + 2 s_Σ √(R·m). */
    double privateRidge() {
        return params.ridge() + 2 * sigmaNoise * Math.sqrt(Math.max(1, releases) * (double) m);
    }

    /**
     * ε spent by an entity present in every release so far (a request is in one release only and keeps
     * the configured ε): the smaller of basic composition (R·ε) and zCDP composition converted at δ.
     */
    double epsilonSpent() {
        return epsilonAfter(releases);
    }

    /** The ε an entity present in every release spends once {@code max-releases} releases are made: the budget. */
    double epsilonBudget() {
        return epsilonAfter(params.maxReleases());
    }

    private double epsilonAfter(int r) {
        if (r == 0) {
            return 0;
        }
        double rho = r * (GaussianMechanism.rho(Math.sqrt(2), sigmaNoise) + GaussianMechanism.rho(2, hNoise));
        return Math.min(r * params.epsilon(), GaussianMechanism.epsilonFromRho(rho, params.privacyDelta()));
    }

    private int quota(int batch) {
        return (int) Math.min(1L << 30, (long) params.exploreFirst() << Math.min(batch, 30));
    }

    double[] features(double[] x, int off) {
        double[] psi = new double[m];
        map.map(x, off, 1.0 / params.bandwidth(), psi, 0);
        return psi;
    }

    @Override
    public Choice decide(double[] inputs, int k) {
        int d = params.inputDim();
        long ticket = plays++;
        SplittableRandom coins = Seeds.forPlay(params.seed(), ticket);
        boolean budgetLeft = collecting != null && collecting.id < params.maxReleases();
        boolean explore = releases == 0 || (budgetLeft && coins.nextDouble() < params.exploreRate());
        if (explore) {
            int arm = coins.nextInt(k);
            long tag = -1;
            if (budgetLeft && !collecting.full()) {
                tag = collecting.id;
                collecting.taken++;
                collecting.outstanding++;
                rotate();
            }
            double[] x = java.util.Arrays.copyOfRange(inputs, arm * d, arm * d + d);
            return new Choice(arm, Double.NaN, Double.NaN, Double.NaN, true,
                    new PendingDecision(ticket, tag, arm, 0.0, 0, x));
        }
        solve();
        int choice = -1;
        double best = Double.NEGATIVE_INFINITY;
        double[] bestPsi = null;
        int ties = 0;
        for (int j = 0; j < k; j++) {
            double[] psi = features(inputs, j * d);
            double s = 0;
            for (int i = 0; i < m; i++) {
                s += psi[i] * theta[i];
            }
            if (s > best) {
                best = s;
                choice = j;
                bestPsi = psi;
                ties = 1;
            } else if (s == best && coins.nextInt(++ties) == 0) {
                choice = j;
                bestPsi = psi;
            }
        }
        double[] x = java.util.Arrays.copyOfRange(inputs, choice * d, choice * d + d);
        return new Choice(choice, best, best, width(bestPsi), false, new PendingDecision(ticket, -1, choice, 0.0, 0, x));
    }

    /** {@code sqrt(ψᵀ(Σ̃ + λ_priv I)⁻¹ψ)}: how little the releases pin down this direction. */
    private double width(double[] psi) {
        double[] c = psi.clone();
        for (int i = 0; i < m; i++) {
            double s = c[i];
            for (int j = 0; j < i; j++) {
                s -= cholesky[i * m + j] * c[j];
            }
            c[i] = s / cholesky[i * m + i];
        }
        double cc = 0;
        for (double v : c) {
            cc += v * v;
        }
        return Math.sqrt(cc);
    }

    private ExplorationStats batchOf(long tag) {
        if (collecting != null && collecting.id == tag) {
            return collecting;
        }
        if (closing != null && closing.id == tag) {
            return closing;
        }
        return null;
    }

    @Override
    public boolean reward(PendingDecision decision, double reward) {
        ExplorationStats s = batchOf(decision.tag());
        if (s == null) {
            return false;   // an exploitation play (or unrecorded exploration): its reward is never used
        }
        s.add(features(decision.x(), 0), Math.max(-1.0, Math.min(1.0, reward)));
        s.outstanding--;
        rotate();
        return true;
    }

    @Override
    public void expire(PendingDecision decision) {
        ExplorationStats s = batchOf(decision.tag());
        if (s != null) {
            s.outstanding--;
            rotate();
        }
    }

    /** Moves a full collecting batch to closing, releases a closing batch that has no pending play left. */
    private void rotate() {
        boolean changed = true;
        while (changed) {
            changed = false;
            if (closing != null && closing.outstanding == 0) {
                release(closing);
                closing = null;
                changed = true;
            }
            if (closing == null && collecting != null && collecting.full()) {
                closing = collecting;
                int next = closing.id + 1;
                collecting = next < params.maxReleases() ? new ExplorationStats(next, quota(next), m) : null;
                changed = true;
            }
        }
    }

    private void release(ExplorationStats s) {
        GaussianSampler noise = new GaussianSampler(new SplittableRandom(Seeds.mix(secret + 0x632BE59BD9B4E019L * (s.id + 1))));
        for (int i = 0; i < releasedSigma.length; i++) {
            releasedSigma[i] += s.sigma[i] + sigmaNoise * noise.next();
        }
        for (int i = 0; i < m; i++) {
            releasedH[i] += s.h[i] + hNoise * noise.next();
        }
        releases++;
        version++;
        theta = null;
    }

    /** θ̂ = (Σ̃ + λ_priv I)⁻¹ h̃ (EJML Cholesky; the ridge keeps it positive definite w.h.p., doubled if not). */
    private void solve() {
        if (theta != null) {
            return;
        }
        double ridge = privateRidge();
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(m, true);
        for (int attempt = 0; ; attempt++, ridge *= 2) {
            DMatrixRMaj a = new DMatrixRMaj(m, m);
            int at = 0;
            for (int i = 0; i < m; i++) {
                for (int j = i; j < m; j++) {
                    a.unsafe_set(i, j, releasedSigma[at]);
                    a.unsafe_set(j, i, releasedSigma[at++]);
                }
                a.unsafe_set(i, i, a.unsafe_get(i, i) + ridge);
            }
            if (chol.decompose(a) || attempt > 60) {
                break;
            }
        }
        cholesky = chol.getT(null).data;
        double[] t = releasedH.clone();
        for (int i = 0; i < m; i++) {
            double s = t[i];
            for (int j = 0; j < i; j++) {
                s -= cholesky[i * m + j] * t[j];
            }
            t[i] = s / cholesky[i * m + i];
        }
        for (int i = m - 1; i >= 0; i--) {
            double s = t[i];
            for (int j = i + 1; j < m; j++) {
                s -= cholesky[j * m + i] * t[j];
            }
            t[i] = s / cholesky[i * m + i];
        }
        theta = t;
    }

    /** θ̂ after the releases so far (zero before the first). */
    double[] estimate() {
        solve();
        return theta.clone();
    }

    /** The released sums Σ̃ (packed upper triangle) and h̃, for tests. */
    double[] releasedSigma() {
        return releasedSigma.clone();
    }

    double[] releasedH() {
        return releasedH.clone();
    }

    ExplorationStats collecting() {
        return collecting;
    }

    ExplorationStats closing() {
        return closing;
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
        int packed = 8 * (m * (m + 1) / 2 + m);
        return 16 + 8 + 4 + 1 + (collecting == null ? 0 : ExplorationStats.bytes(m))
                + 1 + (closing == null ? 0 : ExplorationStats.bytes(m)) + packed;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(plays);
        out.writeLong(version);
        out.writeLong(secret);
        out.writeInt(releases);
        out.writeBoolean(collecting != null);
        if (collecting != null) {
            collecting.write(out);
        }
        out.writeBoolean(closing != null);
        if (closing != null) {
            closing.write(out);
        }
        StateOutput.writeDoubles(out, releasedSigma, 0, releasedSigma.length);
        StateOutput.writeDoubles(out, releasedH, 0, m);
    }

    void readState(DataInput in) throws IOException {
        plays = in.readLong();
        version = in.readLong();
        secret = in.readLong();
        releases = in.readInt();
        collecting = in.readBoolean() ? ExplorationStats.read(in, m) : null;
        closing = in.readBoolean() ? ExplorationStats.read(in, m) : null;
        StateInput.readDoubles(in, releasedSigma, 0, releasedSigma.length);
        StateInput.readDoubles(in, releasedH, 0, m);
        theta = null;
    }
}
