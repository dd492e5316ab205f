package io.witness.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.witness.operators.monitor.MonitorMethod;
import io.witness.operators.monitor.StateShape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every method of {@link MethodRegistry} declares the parameters that shape its per-key state: changing one
 * of them changes the digest (and {@link StateShape#firstDifference} names it), changing a parameter that
 * only steers decisions does not. The digests of fixed configurations are golden
 * ({@code /state/state-shape-digests.txt}): a change there means every deployed state of that method would
 * be refused at restore, so it must be deliberate.
 */
class MethodStateShapeTest {

    /** Per method: a valid configuration, one state-shaping change and one change that only steers. */
    private record Case(String method, Map<String, Object> base, String shaping, Object shapingValue,
                        String steering, Object steeringValue) {
    }

    private static final List<Case> CASES = List.of(
            new Case("skit", Map.of("features", 64, "bettor", "ons"), "bettor", "agrapa", "resolve-after", 5),
            new Case("kernel-forecast", Map.of("shingle", 8), "shingle", 12, "false-alarm-rate", 1e-3),
            new Case("nplm", Map.of("window", 100, "reference-size", 400), "window", 120, "null-toys", 50),
            new Case("noop", Map.of("state-bytes", 64), "state-bytes", 128, "step-every", 3),
            new Case("hawkes", Map.of("bin", "1s", "support", "10s"), "bin", "2s", "edge-threshold", 0.3),
            new Case("ksd", Map.of("window", 100), "window", 150, "bootstrap-draws", 300),
            new Case("pksd", Map.of("window", 100), "reference-size", 300, "bootstrap-draws", 300),
            new Case("sequence-ksd", Map.of("alphabet", "a,b,c"), "alphabet", "a,b,c,d", "bootstrap-draws", 300),
            new Case("mmd-betting", Map.of("features", 32), "features", 16, "resolve-after", 5));

    private static StateShape shape(String method, Map<String, Object> params, double alpha) {
        MonitorMethod m = MethodRegistry.get(method);
        Map<String, Integer> dims = new LinkedHashMap<>();
        m.roleNames().forEach(r -> dims.put(r, 1));
        return m.configure(dims, alpha, params).stateShape();
    }

    private static Map<String, Object> with(Map<String, Object> base, String name, Object value) {
        Map<String, Object> p = new HashMap<>(base);
        p.put(name, value);
        return p;
    }

    @Test
    void everyRegisteredMethodHasACase() {
        assertThat(CASES.stream().map(Case::method).toList()).containsExactlyInAnyOrderElementsOf(MethodRegistry.names());
    }

    @Test
    void shapingParametersChangeTheDigestAndAreNamedSteeringOnesDoNot() {
        for (Case c : CASES) {
            StateShape base = shape(c.method(), c.base(), 0.01);
            assertThat(base.method()).isEqualTo(c.method());

            StateShape shaped = shape(c.method(), with(c.base(), c.shaping(), c.shapingValue()), 0.01);
            assertThat(shaped.digest()).as(c.method() + ": " + c.shaping() + " shapes state").isNotEqualTo(base.digest());
            assertThat(shaped.firstDifference(base)).as(c.method()).startsWith("parameter '" + c.shaping() + "' changed (");

            StateShape steered = shape(c.method(), with(c.base(), c.steering(), c.steeringValue()), 0.02);
            assertThat(steered.digest()).as(c.method() + ": alpha and " + c.steering() + " only steer").isEqualTo(base.digest());
            assertThat(steered.firstDifference(base)).isNull();
        }
    }

    @Test
    void fieldDimensionsShapeState() {
        MonitorMethod skit = MethodRegistry.get("skit");
        StateShape one = skit.configure(Map.of("x", 1, "y", 1), 0.01, Map.of()).stateShape();
        StateShape two = skit.configure(Map.of("x", 2, "y", 1), 0.01, Map.of()).stateShape();
        assertThat(two.firstDifference(one)).isEqualTo("parameter 'x dimension' changed (1 -> 2)");
    }

    @Test
    void digestsOfFixedConfigurationsAreGolden() throws IOException {
        Map<String, String> now = new TreeMap<>();
        for (Case c : CASES) {
            now.put(c.method(), StateShape.hex(shape(c.method(), c.base(), 0.01).digest()));
        }
        StringBuilder text = new StringBuilder();
        now.forEach((m, d) -> text.append(m).append(' ').append(d).append('\n'));
        String golden;
        try (InputStream in = getClass().getResourceAsStream("/state/state-shape-digests.txt")) {
            assertThat(in).as("golden /state/state-shape-digests.txt; now:\n" + text).isNotNull();
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(text.toString()).isEqualTo(golden);
    }

    @Test
    void stateIdsAreStable() {
        // part of every saved key's bytes: never renumber
        assertThat(MethodRegistry.stateId("skit")).isEqualTo(1);
        assertThat(MethodRegistry.stateId("kernel-forecast")).isEqualTo(2);
        assertThat(MethodRegistry.stateId("nplm")).isEqualTo(3);
        assertThat(MethodRegistry.stateId("noop")).isEqualTo(4);
        assertThat(MethodRegistry.stateId("hawkes")).isEqualTo(5);
        assertThat(MethodRegistry.stateId("ksd")).isEqualTo(6);
        assertThat(MethodRegistry.stateId("pksd")).isEqualTo(7);
        assertThat(MethodRegistry.stateId("sequence-ksd")).isEqualTo(8);
        assertThat(MethodRegistry.stateId("mmd-betting")).isEqualTo(9);
        assertThat(MethodRegistry.nameOfStateId(200)).isEqualTo("method #200");
    }
}
