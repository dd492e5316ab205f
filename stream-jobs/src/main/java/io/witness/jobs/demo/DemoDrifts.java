package io.witness.jobs.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The drifts of {@code witness demo} for its goodness-of-fit monitors: two more fields per event,
 * {@value #CPU} (CPU utilisation, N(40, 6²) percent) and {@value #PAYLOAD} (request payload in kB, a
 * mixture of small requests N(4, 1) and bulk ones N(16, 2²) with weights 0.8/0.2). From the injection on:
 * <ul>
 *   <li>{@value #MEAN_SHIFT_KEY}: CPU mean 40 → 46 (a shift of one standard deviation);</li>
 *   <li>{@value #VARIANCE_KEY}: CPU standard deviation 6 → 12, same mean;</li>
 *   <li>{@value #WEIGHTS_KEY}: payload mixture weights 0.8/0.2 → 0.4/0.6 (the same two modes).</li>
 * </ul>
 * The {@value #FIT_MONITOR} monitor (ksd on CPU) should find the first two, {@value #DRIFT_MONITOR}
 * (mmd-betting on CPU and payload) all three; the other keys never change. Drawn from a random stream of
 * their own per key, so they leave the other fields' values exactly as they were.
 */
public final class DemoDrifts {
    public static final String CPU = "cpu_pct";
    public static final String PAYLOAD = "payload_kb";
    /** The demo configuration's monitors these drifts are meant for. */
    public static final String FIT_MONITOR = "cpu-fit";
    public static final String DRIFT_MONITOR = "resource-drift";
    public static final String MEAN_SHIFT_KEY = "checkout";
    public static final String VARIANCE_KEY = "auth";
    public static final String WEIGHTS_KEY = "inventory";

    static final double CPU_MEAN = 40;
    static final double CPU_SD = 6;
    static final double CPU_SHIFTED_MEAN = 46;
    static final double CPU_WIDER_SD = 12;
    static final double SMALL_KB = 4;
    static final double SMALL_SD = 1;
    static final double BULK_KB = 16;
    static final double BULK_SD = 2;
    static final double BULK_WEIGHT = 0.2;
    static final double BULK_WEIGHT_AFTER = 0.6;

    private DemoDrifts() {
    }

    /** Adds {@value #CPU} and {@value #PAYLOAD} of one event to {@code fields}; three draws per event, drifted or not. */
    static void draw(String key, boolean injected, Random random, Map<String, Double> fields) {
        double zCpu = random.nextGaussian();
        double u = random.nextDouble();
        double zPayload = random.nextGaussian();
        double mean = injected && key.equals(MEAN_SHIFT_KEY) ? CPU_SHIFTED_MEAN : CPU_MEAN;
        double sd = injected && key.equals(VARIANCE_KEY) ? CPU_WIDER_SD : CPU_SD;
        double bulk = injected && key.equals(WEIGHTS_KEY) ? BULK_WEIGHT_AFTER : BULK_WEIGHT;
        fields.put(CPU, mean + sd * zCpu);
        fields.put(PAYLOAD, u < bulk ? BULK_KB + BULK_SD * zPayload : SMALL_KB + SMALL_SD * zPayload);
    }

    /** The injections among {@code keys}, for the summary. */
    static List<Injection> injections(List<String> keys, long injectAtMillis) {
        List<Injection> out = new ArrayList<>();
        if (keys.contains(MEAN_SHIFT_KEY)) {
            String what = "cpu_pct mean 40 -> 46 (+1 sd)";
            out.add(new Injection(FIT_MONITOR, MEAN_SHIFT_KEY, injectAtMillis, what));
            out.add(new Injection(DRIFT_MONITOR, MEAN_SHIFT_KEY, injectAtMillis, what));
        }
        if (keys.contains(VARIANCE_KEY)) {
            String what = "cpu_pct sd 6 -> 12";
            out.add(new Injection(FIT_MONITOR, VARIANCE_KEY, injectAtMillis, what));
            out.add(new Injection(DRIFT_MONITOR, VARIANCE_KEY, injectAtMillis, what));
        }
        if (keys.contains(WEIGHTS_KEY)) {
            out.add(new Injection(DRIFT_MONITOR, WEIGHTS_KEY, injectAtMillis, "payload_kb bulk share 20% -> 60%"));
        }
        return out;
    }
}
