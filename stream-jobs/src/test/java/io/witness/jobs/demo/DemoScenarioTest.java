package io.witness.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class DemoScenarioTest {

    private static final long T0 = 1_763_800_000_000L;
    private static final long STEP_MS = 25;          // 40 events per second per key
    private static final int N = 4000;               // per phase: the standard error of a correlation is ~0.016
    private static final long INJECT_AT = T0 + N * STEP_MS;

    @Test
    void sameSeedGivesSameEventsAndAnotherSeedDoesNot() {
        DemoScenario a = new DemoScenario(42L, INJECT_AT);
        DemoScenario b = new DemoScenario(42L, INJECT_AT);
        DemoScenario c = new DemoScenario(43L, INJECT_AT);
        boolean anyDifferent = false;
        for (int i = 0; i < 200; i++) {
            long t = T0 + i * STEP_MS;
            List<String> fromA = a.nextEvents(t);
            assertThat(fromA).isEqualTo(b.nextEvents(t));
            anyDifferent |= !fromA.equals(c.nextEvents(t));
        }
        assertThat(anyDifferent).isTrue();
    }

    @Test
    void errorRateFollowsLatencyOnlyAfterInjectionAndOnlyOnInjectedKeys() {
        Map<String, Phases> byKey = simulate(new DemoScenario(1L, INJECT_AT));

        for (String key : DemoScenario.DEFAULT_KEYS) {
            Phases p = byKey.get(key);
            double before = correlation(p.before, DemoScenario.ERROR_RATE);
            double after = correlation(p.after, DemoScenario.ERROR_RATE);
            assertThat(Math.abs(before)).as("%s before injection", key).isLessThan(0.08);
            if (DemoScenario.INJECTED_KEYS.contains(key)) {
                assertThat(after).as("%s after injection", key).isBetween(0.4, 0.6);
            } else {
                assertThat(Math.abs(after)).as("%s after injection (not injected)", key).isLessThan(0.08);
            }
            // queue depth and drops never become dependent, neither on each other nor on latency
            assertThat(Math.abs(pearson(p.after, DemoScenario.QUEUE_DEPTH, DemoScenario.DROP_RATE))).isLessThan(0.08);
            assertThat(Math.abs(correlation(p.after, DemoScenario.QUEUE_DEPTH))).isLessThan(0.08);
        }
    }

    @Test
    void injectionKeepsTheErrorRateMarginal() {
        Phases p = simulate(new DemoScenario(2L, INJECT_AT)).get("payments");
        double meanBefore = mean(p.before, DemoScenario.ERROR_RATE);
        double meanAfter = mean(p.after, DemoScenario.ERROR_RATE);
        assertThat(meanAfter).isCloseTo(meanBefore, org.assertj.core.data.Offset.offset(0.001));
        assertThat(sd(p.after, DemoScenario.ERROR_RATE) / sd(p.before, DemoScenario.ERROR_RATE)).isBetween(0.9, 1.1);
    }

    @Test
    void driftFieldsChangeAsDescribedOnlyOnTheirKeysAndOnlyAfterInjection() {
        Map<String, Phases> byKey = simulate(new DemoScenario(8L, INJECT_AT));
        for (String key : DemoScenario.DEFAULT_KEYS) {
            Phases p = byKey.get(key);
            boolean shift = key.equals(DemoDrifts.MEAN_SHIFT_KEY);
            boolean wider = key.equals(DemoDrifts.VARIANCE_KEY);
            boolean weights = key.equals(DemoDrifts.WEIGHTS_KEY);
            assertThat(mean(p.before, DemoDrifts.CPU)).as(key).isCloseTo(40, org.assertj.core.data.Offset.offset(0.4));
            assertThat(sd(p.before, DemoDrifts.CPU)).as(key).isCloseTo(6, org.assertj.core.data.Offset.offset(0.3));
            assertThat(mean(p.after, DemoDrifts.CPU)).as(key).isCloseTo(shift ? 46 : 40, org.assertj.core.data.Offset.offset(0.6));
            assertThat(sd(p.after, DemoDrifts.CPU)).as(key).isCloseTo(wider ? 12 : 6, org.assertj.core.data.Offset.offset(0.5));
            // the bulk share: payloads above 10 kB (the modes are at 4 and 16 kB)
            assertThat(share(p.before, DemoDrifts.PAYLOAD, 10)).as(key).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.03));
            assertThat(share(p.after, DemoDrifts.PAYLOAD, 10)).as(key).isCloseTo(weights ? 0.6 : 0.2, org.assertj.core.data.Offset.offset(0.03));
        }
    }

    @Test
    void consecutiveEventsAreUncorrelatedBeforeInjection() {
        Phases p = simulate(new DemoScenario(3L, INJECT_AT)).get("search");
        for (String field : List.of(DemoScenario.LATENCY_MS, DemoScenario.ERROR_RATE,
                DemoScenario.QUEUE_DEPTH, DemoScenario.DROP_RATE, DemoDrifts.CPU, DemoDrifts.PAYLOAD)) {
            List<Map<String, Double>> lagged = p.before.subList(1, p.before.size());
            double[] x = p.before.subList(0, p.before.size() - 1).stream().mapToDouble(m -> m.get(field)).toArray();
            double[] y = lagged.stream().mapToDouble(m -> m.get(field)).toArray();
            assertThat(Math.abs(pearson(x, y))).as("lag-1 autocorrelation of %s", field).isLessThan(0.08);
        }
    }

    @Test
    void valuesAreFiniteAndPlausible() {
        Map<String, Phases> byKey = simulate(new DemoScenario(4L, INJECT_AT));
        for (Phases p : byKey.values()) {
            List<Map<String, Double>> all = new ArrayList<>(p.before);
            all.addAll(p.after);
            for (Map<String, Double> f : all) {
                assertThat(f.values()).allMatch(Double::isFinite);
                assertThat(f.get(DemoScenario.LATENCY_MS)).isPositive();
                assertThat(f.get(DemoScenario.ERROR_RATE)).isGreaterThanOrEqualTo(0.0);
                assertThat(f.get(DemoScenario.QUEUE_DEPTH)).isGreaterThanOrEqualTo(0.0);
                assertThat(f.get(DemoScenario.DROP_RATE)).isPositive().isLessThan(1.0);
            }
            assertThat(median(p.before, DemoScenario.LATENCY_MS)).isBetween(110.0, 130.0);
            assertThat(mean(p.before, DemoScenario.QUEUE_DEPTH)).isBetween(48.0, 52.0);
        }
    }

    @Test
    void jsonFollowsTheWireContract() throws Exception {
        DemoScenario scenario = new DemoScenario(5L, INJECT_AT);
        List<String> events = scenario.nextEvents(T0);
        assertThat(events).hasSize(DemoScenario.DEFAULT_KEYS.size());
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = json.readTree(events.get(i));
            assertThat(event.get("key").asText()).isEqualTo(DemoScenario.DEFAULT_KEYS.get(i));
            assertThat(event.get("time").isIntegralNumber()).isTrue();
            assertThat(event.get("time").asLong()).isEqualTo(T0);
            JsonNode fields = event.get("fields");
            assertThat(fields.isObject()).isTrue();
            List<String> names = new ArrayList<>();
            fields.fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactly("latency_ms", "error_rate", "queue_depth", "drop_rate", "cpu_pct", "payload_kb");
            fields.forEach(v -> assertThat(v.isNumber()).isTrue());
        }
    }

    @Test
    void injectionsNameTheMonitorKeysAndStart() {
        assertThat(new DemoScenario(6L, INJECT_AT).injections())
                .extracting(Injection::monitor, Injection::key, Injection::startMillis)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("latency-errors", "payments", INJECT_AT),
                        org.assertj.core.groups.Tuple.tuple("latency-errors", "search", INJECT_AT),
                        org.assertj.core.groups.Tuple.tuple("cpu-fit", "checkout", INJECT_AT),
                        org.assertj.core.groups.Tuple.tuple("resource-drift", "checkout", INJECT_AT),
                        org.assertj.core.groups.Tuple.tuple("cpu-fit", "auth", INJECT_AT),
                        org.assertj.core.groups.Tuple.tuple("resource-drift", "auth", INJECT_AT),
                        org.assertj.core.groups.Tuple.tuple("resource-drift", "inventory", INJECT_AT));
        assertThat(new DemoScenario(6L, INJECT_AT, List.of("shipping", "search")).injections())
                .extracting(Injection::monitor).containsExactly("latency-errors");
        assertThat(new DemoScenario(6L, INJECT_AT, List.of("shipping")).injections()).isEmpty();
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private static final class Phases {
        final List<Map<String, Double>> before = new ArrayList<>();
        final List<Map<String, Double>> after = new ArrayList<>();
    }

    private static Map<String, Phases> simulate(DemoScenario scenario) {
        Map<String, Phases> byKey = new HashMap<>();
        for (int i = 0; i < 2 * N; i++) {
            long t = T0 + i * STEP_MS;
            for (DemoEvent e : scenario.next(t)) {
                Phases p = byKey.computeIfAbsent(e.key(), k -> new Phases());
                (t < INJECT_AT ? p.before : p.after).add(e.fields());
            }
        }
        return byKey;
    }

    /** Sample correlation of a field with log latency (the injected dependence is linear in it). */
    private static double correlation(List<Map<String, Double>> events, String field) {
        double[] logLatency = events.stream().mapToDouble(m -> Math.log(m.get(DemoScenario.LATENCY_MS))).toArray();
        double[] values = events.stream().mapToDouble(m -> m.get(field)).toArray();
        return pearson(logLatency, values);
    }

    private static double pearson(List<Map<String, Double>> events, String a, String b) {
        return pearson(events.stream().mapToDouble(m -> m.get(a)).toArray(),
                events.stream().mapToDouble(m -> m.get(b)).toArray());
    }

    private static double pearson(double[] x, double[] y) {
        double mx = java.util.Arrays.stream(x).average().orElseThrow();
        double my = java.util.Arrays.stream(y).average().orElseThrow();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static double mean(List<Map<String, Double>> events, String field) {
        return events.stream().mapToDouble(m -> m.get(field)).average().orElseThrow();
    }

    private static double share(List<Map<String, Double>> events, String field, double above) {
        return events.stream().filter(m -> m.get(field) > above).count() / (double) events.size();
    }

    private static double sd(List<Map<String, Double>> events, String field) {
        double m = mean(events, field);
        return Math.sqrt(events.stream().mapToDouble(e -> Math.pow(e.get(field) - m, 2)).average().orElseThrow());
    }

    private static double median(List<Map<String, Double>> events, String field) {
        double[] sorted = events.stream().mapToDouble(m -> m.get(field)).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
