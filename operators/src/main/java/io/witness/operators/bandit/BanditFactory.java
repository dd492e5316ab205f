package io.witness.operators.bandit;

import io.witness.operators.kernel.FeatureMap;
import io.witness.operators.kernel.Kernel;
import io.witness.operators.kernel.Kernels;
import io.witness.operators.kernel.features.FeatureCoupling;
import io.witness.operators.kernel.features.RandomFeatures;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A configured bandit: validated parameters plus what every key shares (the kernel; the random-feature
 * frequencies, drawn once from the seed — orthogonal coupling, trigonometric form, spec §E.1). Creates
 * fresh per-key policies and restores them. State bytes: {@value #FORMAT_VERSION} (version), the policy
 * kind, then the policy's own state. Immutable and thread-safe.
 */
public final class BanditFactory {
    static final byte FORMAT_VERSION = 1;

    private final BanditParameters params;
    private final Kernel kernel;
    private final FeatureMap features;

    public BanditFactory(BanditParameters params) {
        this.params = params;
        this.kernel = Kernels.of(params.kernel(), params.bandwidth());
        boolean needsFeatures = params.policy() == PolicyKind.JDP
                || (params.memory() == ModelMemory.FEATURES
                && (params.policy() == PolicyKind.GP_UCB || params.policy() == PolicyKind.IGP_UCB));
        this.features = needsFeatures
                ? RandomFeatures.draw(FeatureCoupling.ORTHOGONAL, FeatureMap.Form.TRIGONOMETRIC, params.inputDim(),
                params.features() / 2, params.seed())
                : null;
    }

    public BanditParameters parameters() {
        return params;
    }

    /** The regulariser of the GP models: the noise variance (GP-UCB), 1 + 2/T (IGP-UCB). */
    double lambda() {
        return params.policy() == PolicyKind.IGP_UCB ? 1 + 2.0 / params.horizon() : params.noiseVariance();
    }

    public BanditPolicy create() {
        return switch (params.policy()) {
            case GP_UCB, IGP_UCB -> new GpUcbPolicy(params, params.memory() == ModelMemory.WINDOW
                    ? new WindowModel(new ExactGp(kernel, params.inputDim(), lambda()), params.window())
                    : new FeatureModel(new FeatureGp(features.outputDim(), lambda()), features, params.bandwidth()));
            case BPE_DELAY -> new BpeDelayPolicy(params, kernel);
            case JDP -> JdpPolicy.create(params, features);
        };
    }

    /** Version byte, kind byte, policy state. */
    public int stateBytes(BanditPolicy policy) {
        return 2 + policy.stateBytes();
    }

    public byte[] toBytes(BanditPolicy policy) {
        StateOutput out = new StateOutput(stateBytes(policy));
        try {
            write(policy, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public void write(BanditPolicy policy, DataOutput out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        out.writeByte(params.policy().ordinal());
        policy.writeState(out);
    }

    public BanditPolicy fromBytes(byte[] bytes) throws IOException {
        StateInput in = new StateInput(bytes);
        BanditPolicy p = restore(in);
        if (in.remaining() != 0) {
            throw new IOException("bandit state has " + in.remaining() + " unread bytes: policy state format mismatch");
        }
        return p;
    }

    /** Reads what {@link #write} wrote; fails on an unknown version or a state of another policy. */
    public BanditPolicy restore(DataInput in) throws IOException {
        int version = in.readByte();
        if (version != FORMAT_VERSION) {
            throw new IOException("unknown bandit state version " + version + " (this build reads " + FORMAT_VERSION + ")");
        }
        int kind = in.readByte();
        if (kind != params.policy().ordinal()) {
            throw new IOException("bandit state of policy #" + kind + " cannot be restored as " + params.policy().configName()
                    + ": a changed policy starts without state");
        }
        return switch (params.policy()) {
            case GP_UCB, IGP_UCB -> {
                long plays = in.readLong();
                long version2 = in.readLong();
                RewardModel model = params.memory() == ModelMemory.WINDOW
                        ? new WindowModel(ExactGp.read(in, kernel, params.inputDim(), lambda(), params.window()), params.window())
                        : new FeatureModel(FeatureGp.read(in, features.outputDim(), lambda()), features, params.bandwidth());
                GpUcbPolicy p = new GpUcbPolicy(params, model);
                p.restoreCounters(plays, version2);
                yield p;
            }
            case BPE_DELAY -> {
                BpeDelayPolicy p = new BpeDelayPolicy(params, kernel);
                p.readState(in);
                yield p;
            }
            case JDP -> {
                JdpPolicy p = new JdpPolicy(params, features);
                p.readState(in);
                yield p;
            }
        };
    }

    /**
     * The privacy budget of this factory's policy: the ε an entity present in every release would have spent
     * after {@code max-releases} releases ({@link JdpPolicy#epsilonBudget()}); NaN when the policy is not {@code jdp}.
     */
    public double epsilonBudget() {
        return params.policy() == PolicyKind.JDP ? new JdpPolicy(params, features).epsilonBudget() : Double.NaN;
    }

    /** Privacy spent by a JDP policy ({@link JdpPolicy#epsilonSpent()}); 0 for the others. */
    public static double epsilonSpent(BanditPolicy policy) {
        return policy instanceof JdpPolicy j ? j.epsilonSpent() : 0.0;
    }

    /** Private releases a JDP policy has made; 0 for the others. */
    public static int releases(BanditPolicy policy) {
        return policy instanceof JdpPolicy j ? j.releases() : 0;
    }
}
