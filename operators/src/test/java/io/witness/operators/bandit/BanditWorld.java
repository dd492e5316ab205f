package io.witness.operators.bandit;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small contextual problem for the policy tests: contexts uniform in [0, 1]², three actions with one-hot
 * features; action 0 pays when c₁ is high, action 1 when c₂ is high, action 2 a flat 0.35 (the safe
 * default), so the best action changes across the context space. Rewards in [−1, 1] plus N(0, 0.1²).
 */
final class BanditWorld {
    static final int CONTEXT_DIM = 2;
    static final int ACTION_DIM = 3;
    static final int ACTIONS = 3;

    private BanditWorld() {
    }

    static double[] context(SplittableRandom r) {
        return new double[] {r.nextDouble(), r.nextDouble()};
    }

    /** Row-major 3 × 5 inputs: [c, one-hot action]. */
    static double[] inputs(double[] c) {
        double[] x = new double[ACTIONS * 5];
        for (int a = 0; a < ACTIONS; a++) {
            x[a * 5] = c[0];
            x[a * 5 + 1] = c[1];
            x[a * 5 + 2 + a] = 1.0;
        }
        return x;
    }

    static double mean(double[] c, int a) {
        return switch (a) {
            case 0 -> 1.2 * c[0] - 0.4;
            case 1 -> 1.2 * c[1] - 0.4;
            default -> 0.35;
        };
    }

    static int best(double[] c) {
        int b = 0;
        for (int a = 1; a < ACTIONS; a++) {
            if (mean(c, a) > mean(c, b)) {
                b = a;
            }
        }
        return b;
    }

    static double reward(double[] c, int a, SplittableRandom r) {
        return Math.max(-1, Math.min(1, mean(c, a) + 0.1 * r.nextGaussian()));
    }

    static BanditFactory factory(PolicyKind kind, Map<String, Object> params) {
        return new BanditFactory(BanditParameters.parse(kind, CONTEXT_DIM, ACTION_DIM, params));
    }
}
