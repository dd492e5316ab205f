package io.witness.jobs.demo;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The alert-triage problem of {@code witness demo}: the monitors' own evidence and alerts are the
 * contexts, the actions are page / ticket / suppress, and a simulated on-call operator rewards them.
 *
 * <p>Context (3 features, each in [0, 1]): the evidence strength {@code min(log10 e, 3)/3}, whether the
 * service is critical (payments, checkout, auth), and whether the monitor is the latency/error one. The
 * operator's truth: the step is a real incident with probability {@code p = 0.02 + 0.9·strength·(0.5 +
 * 0.5·monitor)}; the utilities are
 * <pre>
 *               incident                not an incident
 *   page        1.0 (critical) / 0.4    −0.7  (woke someone for nothing)
 *   ticket      0.5                     −0.1
 *   suppress    −1.0 (missed)           0.2   (saved time)
 * </pre>
 * so suppress is best for weak evidence, ticket in between and on non-critical services, page for strong
 * evidence on a critical service. A reward is the utility of one Bernoulli(p) draw plus N(0, 0.05²).
 */
public final class TriageWorld {
    public static final String BANDIT = "alert-triage";
    public static final List<String> ACTIONS = List.of("page", "ticket", "suppress");
    static final Set<String> CRITICAL = Set.of("payments", "checkout", "auth");

    private TriageWorld() {
    }

    /** The context of one evidence step (or alert) of {@code monitor} on {@code key} with e-value {@code e}. */
    public static double[] context(String monitor, String key, double eValue) {
        double strength = Math.min(Math.log10(Math.max(eValue, 1.0)), 3.0) / 3.0;
        return new double[] {strength, CRITICAL.contains(key) ? 1.0 : 0.0,
                DemoScenario.LATENCY_ERRORS_MONITOR.equals(monitor) ? 1.0 : 0.0};
    }

    public static double incidentProbability(double[] c) {
        return 0.02 + 0.9 * c[0] * (0.5 + 0.5 * c[2]);
    }

    static double utility(int action, boolean incident, double[] c) {
        return switch (action) {
            case 0 -> incident ? (c[1] > 0.5 ? 1.0 : 0.4) : -0.7;
            case 1 -> incident ? 0.5 : -0.1;
            default -> incident ? -1.0 : 0.2;
        };
    }

    /** Expected reward of an action in a context. */
    public static double expected(int action, double[] c) {
        double p = incidentProbability(c);
        return p * utility(action, true, c) + (1 - p) * utility(action, false, c);
    }

    public static int best(double[] c) {
        int b = 0;
        for (int a = 1; a < ACTIONS.size(); a++) {
            if (expected(a, c) > expected(b, c)) {
                b = a;
            }
        }
        return b;
    }

    /** One simulated operator verdict. */
    public static double reward(int action, double[] c, SplittableRandom random) {
        boolean incident = random.nextDouble() < incidentProbability(c);
        return utility(action, incident, c) + 0.05 * gaussian(random);
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** A DecisionRequest as JSON: the context and the three actions with one-hot features. */
    public static String requestJson(String requestId, String key, long time, double[] c) {
        return String.format(Locale.ROOT, "{\"request_id\":\"%s\",\"key\":\"%s\",\"time\":%d,\"context\":[%.6f,%.1f,%.1f],"
                        + "\"actions\":[{\"id\":\"page\",\"features\":[1,0,0]},{\"id\":\"ticket\",\"features\":[0,1,0]},"
                        + "{\"id\":\"suppress\",\"features\":[0,0,1]}]}", requestId, key, time, c[0], c[1], c[2]);
    }

    public static String feedbackJson(String requestId, String key, long time, double reward) {
        return String.format(Locale.ROOT, "{\"request_id\":\"%s\",\"key\":\"%s\",\"reward\":%.6f,\"time\":%d}",
                requestId, key, reward, time);
    }
}
