package io.witness.operators.bandit;

import io.witness.operators.kernel.KernelKind;
import io.witness.operators.monitor.Params;

import java.util.Map;

/**
 * The validated parameters of one bandit; the README's "Bandit service" section lists every one with its
 * default. Dimensions come from the configuration ({@code context-dim}, {@code action-dim}); a decision's
 * input is {@code x = [context, action features]}, of dimension {@link #inputDim()}.
 *
 * @param beta         the UCB width is √β·σ; NaN = the policy's own schedule (GP-UCB, IGP-UCB), 6 for BPE-Delay as in the reference code
 * @param noiseVariance λ of GP-UCB and BPE-Delay (the reward noise variance)
 * @param delta        confidence level δ of the UCB and elimination widths
 * @param horizon      T: IGP-UCB's η = 2/T; BPE-Delay's first schedule (doubled on every restart)
 * @param epsilon      JDP: the (ε, δ) guarantee per request, split evenly between the two releases
 * @param privacyDelta JDP: δ of that guarantee
 * @param seed         random features, tie-breaking and exploration coins (public)
 * @param fixedNoiseSeed JDP: draw the privacy noise from {@code noiseSeed} instead of a per-key secret (tests only:
 *                     noise that can be recomputed protects nothing)
 */
public record BanditParameters(PolicyKind policy, int contextDim, int actionDim, KernelKind kernel, double bandwidth,
                               double beta, double noiseVariance, double delta, long horizon,
                               double rkhsBound, double noiseScale, ModelMemory memory, int window, int features,
                               double expectedDelay, double delayXi, double delayB, boolean codeBehaviour,
                               double epsilon, double privacyDelta, int exploreFirst, double exploreRate,
                               double ridge, int maxReleases, long seed, boolean fixedNoiseSeed, long noiseSeed)
        implements java.io.Serializable {

    /** Candidate actions per request, at most. */
    public static final int MAX_ACTIONS = 64;
    public static final int MAX_WINDOW = 1024;
    public static final int MAX_FEATURES = 512;

    public int inputDim() {
        return contextDim + actionDim;
    }

    /** √β when configured, else NaN. */
    public double fixedWidth() {
        return Double.isNaN(beta) ? Double.NaN : Math.sqrt(beta);
    }

    /**
     * Validates a bandit's {@code params} map.
     *
     * @throws IllegalArgumentException naming the parameter and the problem
     */
    public static BanditParameters parse(PolicyKind policy, int contextDim, int actionDim, Map<String, Object> raw) {
        if (contextDim < 0 || actionDim < 1 || contextDim + actionDim > 256) {
            throw new IllegalArgumentException("need action-dim ≥ 1, context-dim ≥ 0 and at most 256 in all");
        }
        Params p = new Params(raw);
        KernelKind kernel = KernelKind.parse(String.valueOf(raw.getOrDefault("kernel", "gaussian")));
        p.has("kernel");
        double bandwidth = p.getDouble("bandwidth", 1.0, 1e-6, 1e6);
        double beta = p.has("beta") ? p.getDouble("beta", 0, 1e-6, 1e6) : (policy == PolicyKind.BPE_DELAY ? 6.0 : Double.NaN);
        double noise = p.getDouble("noise-variance", policy == PolicyKind.BPE_DELAY ? 4e-4 : 0.01, 1e-8, 1e4);
        double delta = p.getDouble("delta", 0.1, 1e-12, 0.5);
        long horizon = p.getLong("horizon", 1000);
        if (horizon < 2 || horizon > 100_000_000L) {
            throw new IllegalArgumentException("parameter 'horizon' must be in [2, 100000000], got " + horizon);
        }
        double rkhsBound = p.getDouble("rkhs-bound", 1.0, 0, 1e6);
        double noiseScale = p.getDouble("noise-scale", 0.1, 0, 1e6);
        ModelMemory memory = p.getEnum("memory", ModelMemory.class, ModelMemory.WINDOW);
        int window = p.getInt("window", 128, 2, MAX_WINDOW);
        int features = p.getInt("features", 64, 2, MAX_FEATURES);
        if (features % 2 != 0) {
            throw new IllegalArgumentException("parameter 'features' must be even (cos and sin of each frequency), got " + features);
        }
        double expectedDelay = p.getDouble("expected-delay", 10, 0, 1e9);
        double xi = p.getDouble("delay-xi", 9, 0, 1e9);
        double b = p.getDouble("delay-b", 1, 0, 1e9);
        boolean code = p.getBoolean("code-behaviour", false);
        double epsilon = p.getDouble("epsilon", 1.0, 1e-6, 1.999999);
        double privacyDelta = p.getDouble("privacy-delta", 1e-5, 1e-15, 0.1);
        int exploreFirst = p.getInt("explore", 500, 1, 100_000_000);
        double exploreRate = p.getDouble("explore-rate", 0.1, 0, 1);
        double ridge = p.getDouble("ridge", 1.0, 1e-9, 1e9);
        int maxReleases = p.getInt("max-releases", 8, 1, 30);
        long seed = p.getLong("seed", 1);
        boolean fixedNoise = p.has("noise-seed");
        long noiseSeed = p.getLong("noise-seed", 0);
        p.rejectUnknown();
        if ((memory == ModelMemory.FEATURES || policy == PolicyKind.JDP) && kernel != KernelKind.GAUSSIAN) {
            throw new IllegalArgumentException("parameter 'kernel' must be gaussian with random features (memory: features, policy jdp)");
        }
        if (policy == PolicyKind.BPE_DELAY && contextDim != 0) {
            throw new IllegalArgumentException("policy bpe-delay is not contextual: context-dim must be 0");
        }
        return new BanditParameters(policy, contextDim, actionDim, kernel, bandwidth, beta, noise, delta, horizon,
                rkhsBound, noiseScale, memory, window, features, expectedDelay, xi, b, code, epsilon, privacyDelta,
                exploreFirst, exploreRate, ridge, maxReleases, seed, fixedNoise, noiseSeed);
    }
}
