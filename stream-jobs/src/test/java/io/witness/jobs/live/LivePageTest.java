package io.witness.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.witness.jobs.config.ConfigLoader;
import io.witness.schemas.Alert;
import io.witness.schemas.AlertState;
import io.witness.schemas.Evidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page's server and its rendering of a state fed with known records: a SKIT monitor with an open
 * alert and a {@code hawkes} monitor whose α matrix must come out as an SVG graph with the right nodes and
 * edges. (The page with a real demo behind it is {@link LiveDemoTest}.)
 */
class LivePageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_763_800_000_000L;
    static final String CONFIG = """
            monitors:
              - id: pairs
                source: {topic: in}
                fields: {x: [x], y: [y]}
                method: skit
                alpha: 0.01
              - id: cascade
                source: {topic: in}
                fields: {x: [x], y: [y]}
                method: skit
                alpha: 0.05
            """;

    @TempDir
    static Path tmp;
    private static LivePage page;

    @BeforeAll
    static void serve() throws Exception {
        LiveState state = new LiveState(ConfigLoader.parse(CONFIG));
        for (int i = 0; i < 120; i++) {
            double wealth = Math.exp(i * 0.05 - 1);
            state.evidence(evidence("pairs", "payments", "skit", T0 + i * 1000L, wealth, Math.min(1, 1 / wealth), wealth >= 100, Map.of()));
            state.evidence(evidence("pairs", "search", "skit", T0 + i * 1000L, 0.5 + 0.3 * Math.sin(i / 9.0), 1.0, false, Map.of()));
        }
        Evidence opening = evidence("pairs", "payments", "skit", T0 + 93_000, 104.0, 0.0096, true, Map.of());
        state.alert(Alert.newBuilder().setId("a-1").setMonitor("pairs").setKey("payments").setMethod("skit")
                .setState(AlertState.OPEN).setOpenedAt(T0 + 93_000).setEvidence(opening)
                .setMessage("skit monitor 'pairs', key 'payments': alarm").build());
        // a hawkes-method record on the second monitor id: the state keys the graph on the evidence's method
        // typed, as the hawkes method writes it (LiveStateTest covers the JSON text of older evidence)
        Map<String, Object> ex = new LinkedHashMap<>();
        ex.put("types", List.of("db", "api", "web"));
        ex.put("alpha", List.of(List.of(0.30, 0.00, 0.00), List.of(0.45, 0.00, 0.0001), List.of(0.00, 0.25, 0.00)));
        ex.put("mu", List.of(0.1, 0.2, 0.3));
        ex.put("branching_ratio", 0.62);
        state.evidence(evidence("cascade", "cluster-1", "hawkes", T0, null, 0.2, false, ex));
        page = LivePage.start("127.0.0.1", 0, state);
    }

    @AfterAll
    static void stop() {
        if (page != null) {
            page.close();
        }
    }

    static Evidence evidence(String monitor, String key, String method, long time, Double e, Double p, boolean alarm,
                             Map<String, ?> explanation) {
        return Evidence.newBuilder().setMonitor(monitor).setKey(key).setMethod(method).setTime(time).setN(time - T0)
                .setStatistic(e == null ? 0.0 : Math.log(e)).setEValue(e).setPValue(p).setThreshold(100.0)
                .setAlarm(alarm).setExplanation(new LinkedHashMap<String, Object>(explanation)).build();
    }

    @Test
    void servesThePageItsScriptsAndTheState() throws Exception {
        Http.Response html = Http.get(page.url());
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.body()).contains("<script src=\"app.js\">").doesNotContain("http://", "https://");
        assertThat(Http.get(page.url() + "app.js").body()).contains("function drawChart").doesNotContain("https://");
        assertThat(Http.get(page.url() + "style.css").contentType()).startsWith("text/css");
        assertThat(Http.get(page.url() + "nope").status()).isEqualTo(404);

        JsonNode state = JSON.readTree(Http.get(page.url() + "api/state?keys=1").body());
        assertThat(state.path("monitors")).hasSize(2);
        JsonNode pairs = state.path("monitors").get(0);
        assertThat(pairs.path("series_tracked").asInt()).isEqualTo(2);
        assertThat(pairs.path("series")).as("keys=1: only the alerting key").hasSize(1);
        assertThat(pairs.path("series").get(0).path("key").asText()).isEqualTo("payments");
        assertThat(pairs.path("series").get(0).path("t")).hasSize(120);
        assertThat(state.path("open_alerts")).hasSize(1);
        JsonNode hawkes = state.path("hawkes").get(0);
        assertThat(hawkes.path("nodes").toString()).isEqualTo("[\"db\",\"api\",\"web\"]");
        assertThat(hawkes.path("alpha").get(1).get(0).asDouble()).isEqualTo(0.45);
        assertThat(hawkes.path("branching_ratio").asDouble()).isEqualTo(0.62);
    }

    @Test
    void headlessChromiumDrawsTheChartsTheAlertAndTheExcitationGraph() throws Exception {
        assumeThat(Chromium.available()).as(Chromium.MISSING).isTrue();
        String dom = Chromium.dumpDom(page.url(), 4_000, tmp);

        assertThat(attribute(dom, "body", "data-status")).isEqualTo("rendered");
        // pairs: 2 keys × 3 charts, 120 points each; cascade: one key with a p-value only (e-value and statistic
        // charts: the e chart is empty, the statistic is 0 → 1 point each on p and statistic)
        assertThat(Integer.parseInt(attribute(dom, "div id=\"status\"", "data-points"))).isEqualTo(6 * 120 + 2);
        assertThat(Integer.parseInt(attribute(dom, "div id=\"status\"", "data-alerts"))).isEqualTo(1);
        assertThat(dom).contains("data-alert=\"a-1\"");
        assertThat(Integer.parseInt(attribute(dom, "div id=\"status\"", "data-hawkes"))).isEqualTo(1);
        // 3 nodes; edges db→db (loop), db→api, api→web; 0.0001 is below 5 % of the largest α and not drawn
        assertThat(attribute(dom, "svg", "data-nodes")).isEqualTo("3");
        assertThat(attribute(dom, "svg", "data-edges")).isEqualTo("3");
        assertThat(dom).contains("data-edge=\"0-0\"", "data-edge=\"0-1\"", "data-edge=\"1-2\"").doesNotContain("data-edge=\"2-1\"");
        assertThat(dom).doesNotContain("<section id=\"hawkes\" hidden");

        Path png = Path.of("target", "live-page-known-state.png");
        Chromium.screenshot(page.url(), png, 4_000, tmp);
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    /** The value of an attribute on the first element whose opening tag starts with {@code tagStart}. */
    static String attribute(String dom, String tagStart, String name) {
        int at = dom.indexOf("<" + tagStart);
        assertThat(at).as("<%s in the DOM", tagStart).isNotNegative();
        String tag = dom.substring(at, dom.indexOf('>', at));
        Matcher m = Pattern.compile("\\b" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(tag);
        assertThat(m.find()).as("%s on %s", name, tag).isTrue();
        return m.group(1);
    }
}
