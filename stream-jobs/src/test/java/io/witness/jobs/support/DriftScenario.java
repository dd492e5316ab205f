package io.witness.jobs.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Events for the goodness-of-fit and drift monitors (issue 4): keys "calm" (never changes) and "drift"
 * (changes at event {@link #CHANGE} in every way at once: y shifts by 1, the mode weights of z go from
 * ½/½ to 0.95/0.05, and 30% of its sessions become a broken workflow login > cart > view > logout).
 * One event per second per key; fixed seed.
 */
public final class DriftScenario {

    public static final int EVENTS = 1200;
    public static final int CHANGE = 600;
    public static final long T0 = 1_763_800_000_000L;

    /** The four monitors (ksd, pksd, sequence-ksd, mmd-betting), as a YAML block under {@code monitors:}. */
    public static String monitors(String topic, String outputs) {
        return """
                  - id: fit
                    source: {topic: %1$s}
                    fields: {x: [x, y]}
                    method: ksd
                    alpha: 0.005
                    params: {reference-size: 300, window: 100, bootstrap-draws: 400}
                %2$s
                  - id: modes
                    source: {topic: %1$s}
                    fields: {x: [z]}
                    method: pksd
                    alpha: 0.005
                    params: {model: mixture, means: "-3;3", window: 100, bootstrap-draws: 400}
                %2$s
                  - id: flows
                    source: {topic: %1$s}
                    method: sequence-ksd
                    type-field: type
                    alpha: 0.01
                    params: {alphabet: "login,view,cart,buy,logout", end-type: logout, reference-sessions: 60, window: 20, bootstrap-draws: 200}
                %2$s
                  - id: drift
                    source: {topic: %1$s}
                    fields: {x: [x, y]}
                    method: mmd-betting
                    alpha: 0.001
                    params: {reference-size: 400, events-per-bet: 2}
                %2$s
                """.formatted(topic, outputs);
    }

    private DriftScenario() {
    }

    /** The JSON lines, key "calm" first, then "drift". */
    public static List<String> lines(long seed) {
        List<String> lines = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(seed);
        for (String key : new String[] {"calm", "drift"}) {
            List<String> types = new ArrayList<>();
            while (types.size() < EVENTS + 20) {
                boolean changed = key.equals("drift") && types.size() >= CHANGE;
                if (changed && r.nextDouble() < 0.3) {
                    types.addAll(List.of("login", "cart", "view", "logout"));
                } else {
                    session(types, r);
                }
            }
            for (int i = 0; i < EVENTS; i++) {
                boolean changed = key.equals("drift") && i >= CHANGE;
                double x = g(r);
                double y = g(r) + (changed ? 1.0 : 0.0);
                double z = g(r) + (r.nextDouble() < (changed ? 0.95 : 0.5) ? -3 : 3);
                lines.add(String.format(Locale.ROOT,
                        "{\"key\":\"%s\",\"time\":%d,\"type\":\"%s\",\"fields\":{\"x\":%s,\"y\":%s,\"z\":%s}}",
                        key, T0 + 1000L * i, types.get(i), x, y, z));
            }
        }
        return lines;
    }

    static double g(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log1p(-r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** login, views (another w.p. 0.4), cart → buy w.p. 0.2, logout. */
    static void session(List<String> out, SplittableRandom r) {
        out.add("login");
        do {
            out.add("view");
        } while (r.nextDouble() < 0.4);
        if (r.nextDouble() < 0.2) {
            out.add("cart");
            out.add("buy");
        }
        out.add("logout");
    }
}
