package io.witness.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.witness.jobs.cli.WitnessCli;
import io.witness.jobs.deploy.DeployFiles;
import io.witness.jobs.deploy.PromQl;
import io.witness.jobs.metrics.WitnessMetrics;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code witness demo} run (embedded Kafka broker, Flink MiniCluster with RocksDB, Flink's own
 * Prometheus reporter on) for about half a minute, inspected while it runs:
 * <ul>
 *   <li>every metric the Prometheus rules and the Grafana dashboard in deploy/ query is one the running
 *       job exports, on Witness's endpoint or on Flink's reporter (scraped over HTTP), or is on the
 *       documented allow-list {@link DeployFiles#NOT_FROM_THE_JOB};</li>
 *   <li>the live page's /api/state has evidence of every demo monitor (SKIT, Hawkes, ksd, mmd-betting);</li>
 *   <li>headless Chromium renders the page with data (the page reports what it drew in data attributes)
 *       and saves a screenshot to {@code target/live-page-demo.png}.</li>
 * </ul>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveDemoTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DURATION_SECONDS = 32;
    private static final Pattern METRICS_URL = Pattern.compile("metrics at (http://127\\.0\\.0\\.1:\\d+/metrics)");
    private static final Pattern FLINK_URL = Pattern.compile("Flink's own metrics at (http://127\\.0\\.0\\.1:\\d+/metrics)");
    private static final Pattern PAGE_URL = Pattern.compile("live page at (http://127\\.0\\.0\\.1:\\d+/)");

    @TempDir
    static Path tmp;
    private static String previousTmpDir;
    private static PrintStream previousOut;
    private static final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private static Thread demo;
    private static volatile int exitCode = -1;
    private static long demoStartNanos;
    private static String pageUrl;
    private static String witnessExposition;
    private static String flinkExposition;
    private static JsonNode stateWithEvidence;

    @BeforeAll
    static void startDemoAndWaitForEvidence() throws Exception {
        previousTmpDir = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", Files.createDirectories(tmp.resolve("java-tmp")).toString());
        previousOut = System.out;
        System.setOut(new PrintStream(new Tee(previousOut, printed), true, StandardCharsets.UTF_8));
        int flinkPort = WitnessMetrics.freePort();
        demoStartNanos = System.nanoTime();
        demo = new Thread(() -> exitCode = WitnessCli.execute("demo", "--duration", DURATION_SECONDS + "s",
                "--inject-after", "4s", "--rate", "60", "--seed", "7", "--metrics-port", String.valueOf(WitnessMetrics.freePort()),
                "--ui-port", String.valueOf(WitnessMetrics.freePort()), "--flink-metrics-port", String.valueOf(flinkPort)),
                "live-demo-test");
        demo.start();

        pageUrl = awaitPrinted(PAGE_URL, 60);
        String metricsUrl = awaitPrinted(METRICS_URL, 5);
        String flinkUrl = awaitPrinted(FLINK_URL, 5);
        // evidence of both monitors on the page's endpoint, and the Kafka source's metrics on Flink's reporter
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            JsonNode state = JSON.readTree(Http.get(pageUrl + "api/state").body());
            String flink = bodyOrEmpty(flinkUrl);   // Flink's reporter starts with the job
            boolean evidence = true;
            for (JsonNode m : state.path("monitors")) {
                evidence &= m.path("series").size() > 0 && m.path("series").get(0).path("t").size() >= 3;
            }
            // the demo's hawkes monitor (cascades) refits every 5 s of event time once a cluster has 100 events
            evidence &= state.path("hawkes").size() > 0;
            if (evidence && flink.contains("KafkaSourceReader")) {
                stateWithEvidence = state;
                flinkExposition = flink;
                witnessExposition = Http.get(metricsUrl).body();
                break;
            }
            assertThat(System.nanoTime()).as("evidence of every monitor on %s within 60 s; output so far:%n%s",
                    pageUrl, printed()).isLessThan(deadline);
            assertThat(demo.isAlive()).as("the demo is running; output:%n%s", printed()).isTrue();
            Thread.sleep(500);
        }
        Files.writeString(Path.of("target", "live-demo-witness-metrics.txt"), witnessExposition);
        Files.writeString(Path.of("target", "live-demo-flink-metrics.txt"), flinkExposition);
    }

    @AfterAll
    static void restore() throws Exception {
        try {
            if (demo != null) {
                demo.join(90_000);
            }
        } finally {
            System.setOut(previousOut);
            System.setProperty("java.io.tmpdir", previousTmpDir);
        }
    }

    @Test
    @Order(1)
    void thePageStateHasEvidenceOfEveryDemoMonitor() {
        Set<String> monitors = new TreeSet<>();
        for (JsonNode m : stateWithEvidence.path("monitors")) {
            monitors.add(m.path("id").asText());
            JsonNode s = m.path("series").get(0);
            assertThat(s.path("e_value").size()).isEqualTo(s.path("t").size());
            if ("skit".equals(m.path("method").asText())) {
                assertThat(s.path("latest").path("threshold").asDouble()).isEqualTo(100.0);   // 1/alpha of the demo config
            }
            if ("ksd".equals(m.path("method").asText())) {
                assertThat(s.path("latest").path("p_value").asDouble()).isBetween(0.001, 1.0);   // 1/(B+1) ≤ p ≤ 1
            }
        }
        assertThat(monitors).containsExactly("cascades", "cpu-fit", "latency-errors", "queue-drops", "resource-drift");
    }

    @Test
    @Order(2)
    void everyMetricTheRulesAndTheDashboardQueryIsExportedByTheRunningJob() throws Exception {
        Set<String> exported = new TreeSet<>(PromQl.exposedNames(witnessExposition));
        exported.addAll(PromQl.exposedNames(flinkExposition));
        Set<String> queried = new TreeSet<>(DeployFiles.metricsQueriedByRules());
        queried.addAll(DeployFiles.metricsQueriedByDashboard());
        assertThat(queried).as("metric names found in the rules and the dashboard").hasSizeGreaterThan(15);

        Set<String> missing = new TreeSet<>(queried);
        missing.removeAll(exported);
        missing.removeAll(DeployFiles.NOT_FROM_THE_JOB.keySet());
        assertThat(missing).as("queried by deploy/ but not exported by the running demo (see target/live-demo-*-metrics.txt)")
                .isEmpty();
        // the allow-list holds only names that really are not exported here (else it hides nothing and should shrink)
        assertThat(exported).doesNotContainAnyElementsOf(DeployFiles.NOT_FROM_THE_JOB.keySet());
    }

    @Test
    @Order(3)
    void headlessChromiumRendersTheLivePageWithData() throws Exception {
        assumeThat(Chromium.available()).as(Chromium.MISSING).isTrue();
        // give an alert the chance to be on the screenshot (not required: the charts are what is checked)
        long until = demoStartNanos + (DURATION_SECONDS - 2) * 1_000_000_000L;
        JsonNode before = JSON.readTree(Http.get(pageUrl + "api/state").body());
        while (before.path("open_alerts").isEmpty() && System.nanoTime() < until - 12_000_000_000L) {
            Thread.sleep(500);
            before = JSON.readTree(Http.get(pageUrl + "api/state").body());
        }
        String dom = Chromium.dumpDom(pageUrl, 3_000, tmp);
        Files.writeString(Path.of("target", "live-page-demo.html"), dom);

        assertThat(LivePageTest.attribute(dom, "body", "data-status")).isEqualTo("rendered");
        int cards = count(dom, "<div class=\"card");
        int seriesBefore = 0;
        for (JsonNode m : before.path("monitors")) {
            assertThat(dom).contains("data-monitor=\"" + m.path("id").asText() + "\"");
            seriesBefore += m.path("series").size();
        }
        assertThat(cards).as("one card per (monitor, key) shown; keys only get added").isGreaterThanOrEqualTo(seriesBefore)
                .isGreaterThanOrEqualTo(2);
        // SKIT evidence has an e-value, a p-value and a statistic: each SKIT card's three charts have points;
        // a hawkes card has its statistic (the branching ratio) and a p-value only when a fit was tested
        int skitCards = 0;
        for (JsonNode m : before.path("monitors")) {
            if ("skit".equals(m.path("method").asText())) {
                skitCards += m.path("series").size();
            }
        }
        assertThat(skitCards).isGreaterThanOrEqualTo(2);
        int charts = Integer.parseInt(LivePageTest.attribute(dom, "div id=\"status\"", "data-charts"));
        assertThat(charts).isGreaterThanOrEqualTo(3 * skitCards).isLessThanOrEqualTo(3 * cards);
        assertThat(Integer.parseInt(LivePageTest.attribute(dom, "div id=\"status\"", "data-points"))).isGreaterThanOrEqualTo(3 * skitCards * 3);
        assertThat(count(dom, "<tr data-alert=")).isEqualTo(Integer.parseInt(LivePageTest.attribute(dom, "div id=\"status\"", "data-alerts")));
        assertThat(count(dom, "<tr data-alert=")).as("open alerts on the page (at least those open before)")
                .isGreaterThanOrEqualTo(before.path("open_alerts").size() > 0 ? 1 : 0);
        // the demo's hawkes monitor: its excitation graph is drawn with the discovered event types as nodes
        assertThat(dom).contains("<section id=\"hawkes\"").doesNotContain("<section id=\"hawkes\" hidden");
        assertThat(Integer.parseInt(LivePageTest.attribute(dom, "div id=\"status\"", "data-hawkes"))).isGreaterThanOrEqualTo(1);
        assertThat(dom).contains("data-monitor=\"cascades\"");

        Path png = Path.of("target", "live-page-demo.png").toAbsolutePath();
        Chromium.screenshot(pageUrl, png, 3_000, tmp);
        byte[] head = Files.readAllBytes(png);
        assertThat(head.length).isGreaterThan(20_000);
        assertThat(new String(head, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        System.err.println("live page screenshot: " + png + " (" + cards + " cards, "
                + before.path("open_alerts").size() + " open alerts before)");
    }

    @Test
    @Order(4)
    void theDemoEndsNormallyWithItsSummary() throws Exception {
        demo.join(90_000);
        assertThat(exitCode).as("exit code; output:%n%s", printed()).isZero();
        assertThat(printed()).contains("witness demo: stopping");
    }

    private static String bodyOrEmpty(String url) {
        try {
            return Http.get(url).body();
        } catch (java.io.IOException notYet) {
            return "";
        }
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int at = s.indexOf(what); at >= 0; at = s.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }

    private static String printed() {
        synchronized (printed) {
            return printed.toString(StandardCharsets.UTF_8);
        }
    }

    private static String awaitPrinted(Pattern p, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            Matcher m = p.matcher(printed());
            if (m.find()) {
                return m.group(1);
            }
            if (!demo.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the demo did not print /" + p + "/ within " + seconds + " s; output:\n" + printed());
    }

    /** Writes to the console and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream console, ByteArrayOutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public void write(int b) {
            synchronized (copy) {
                copy.write(b);
            }
            try {
                console.write(b);
            } catch (java.io.IOException ignored) {
                // the copy is what the test reads
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (copy) {
                copy.write(b, off, len);
            }
            try {
                console.write(b, off, len);
            } catch (java.io.IOException ignored) {
                // the copy is what the test reads
            }
        }
    }
}
