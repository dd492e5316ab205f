package io.witness.jobs.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.witness.jobs.config.MonitorConfig;
import io.witness.jobs.config.WitnessConfig;
import io.witness.schemas.Alert;
import io.witness.schemas.AlertState;
import io.witness.schemas.Evidence;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the live page shows, in memory and bounded: the recent evidence of at most {@value #MAX_SERIES}
 * (monitor, key) series ({@value #POINTS_PER_SERIES} one-second points each, about
 * {@value #MAX_SERIES} × {@value #POINTS_PER_SERIES} × 49 B ≈ 7.5 MB when full), the open alerts (at
 * most {@value #MAX_OPEN_ALERTS}), the last {@value #RECENT_ALERTS} alert records, and the newest α matrix
 * of each {@code hawkes} series. A new series beyond the cap evicts the one updated least recently.
 * Only the configuration's monitors are tracked (an output topic may be shared with other jobs).
 * Fed by the evidence and alert topics (what consumers see: committed records), read by {@link LivePage}.
 */
public final class LiveState {
    public static final int MAX_SERIES = 512;
    public static final int POINTS_PER_SERIES = 300;
    public static final long BUCKET_MILLIS = 1_000;
    public static final int MAX_OPEN_ALERTS = 512;
    public static final int RECENT_ALERTS = 50;
    /** Series per monitor sent to the page unless it asks for another number (at most {@link #MAX_KEYS_PER_MONITOR}). */
    public static final int DEFAULT_KEYS_PER_MONITOR = 12;
    public static final int MAX_KEYS_PER_MONITOR = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, MonitorConfig> monitors = new LinkedHashMap<>();
    /** Access order = least recently updated first. */
    private final LinkedHashMap<String, LiveSeries> series = new LinkedHashMap<>(64, 0.75f, true);
    private final LinkedHashMap<String, Alert> openAlerts = new LinkedHashMap<>();
    private final ArrayDeque<Alert> recentAlerts = new ArrayDeque<>();
    private final int maxSeries;
    private long seriesEvicted;
    private long evidenceSeen;
    private long alertsSeen;

    public LiveState(WitnessConfig config) {
        this(config.monitors(), MAX_SERIES);
    }

    LiveState(List<MonitorConfig> monitorConfigs, int maxSeries) {
        monitorConfigs.forEach(m -> monitors.put(m.id(), m));
        this.maxSeries = maxSeries;
    }

    public synchronized void evidence(Evidence e) {
        if (!monitors.containsKey(e.getMonitor())) {
            return;
        }
        evidenceSeen++;
        String id = e.getMonitor() + '\u0000' + e.getKey();
        LiveSeries s = series.get(id);
        if (s == null) {
            if (series.size() >= maxSeries) {
                Iterator<LiveSeries> oldest = series.values().iterator();
                oldest.next();
                oldest.remove();
                seriesEvicted++;
            }
            s = new LiveSeries(e.getMonitor(), e.getKey(), POINTS_PER_SERIES);
            series.put(id, s);
        }
        s.add(e, BUCKET_MILLIS);
    }

    public synchronized void alert(Alert a) {
        if (!monitors.containsKey(a.getMonitor())) {
            return;
        }
        alertsSeen++;
        recentAlerts.addFirst(a);
        if (recentAlerts.size() > RECENT_ALERTS) {
            recentAlerts.removeLast();
        }
        if (a.getState() == AlertState.RESOLVED) {
            openAlerts.remove(a.getId());
        } else {
            openAlerts.remove(a.getId());   // re-insert: newest last
            openAlerts.put(a.getId(), a);
            if (openAlerts.size() > MAX_OPEN_ALERTS) {
                Iterator<Alert> oldest = openAlerts.values().iterator();
                oldest.next();
                oldest.remove();
            }
        }
    }

    /** The page's JSON (the shape is documented in the README, "Live page"). */
    public synchronized ObjectNode snapshot(int keysPerMonitor, long nowMillis) {
        int k = Math.max(1, Math.min(keysPerMonitor, MAX_KEYS_PER_MONITOR));
        ObjectNode root = JSON.createObjectNode();
        root.put("generated_at", nowMillis);
        ObjectNode limits = root.putObject("limits");
        limits.put("series", maxSeries);
        limits.put("points_per_series", POINTS_PER_SERIES);
        limits.put("bucket_ms", BUCKET_MILLIS);
        limits.put("open_alerts", MAX_OPEN_ALERTS);
        limits.put("recent_alerts", RECENT_ALERTS);
        limits.put("keys_per_monitor", k);
        root.put("series_evicted", seriesEvicted);
        root.put("evidence_seen", evidenceSeen);
        root.put("alerts_seen", alertsSeen);

        Map<String, List<LiveSeries>> byMonitor = new LinkedHashMap<>();
        monitors.keySet().forEach(id -> byMonitor.put(id, new ArrayList<>()));
        series.values().forEach(s -> byMonitor.get(s.monitor).add(s));
        java.util.Set<String> alerting = new java.util.HashSet<>();
        openAlerts.values().forEach(a -> alerting.add(a.getMonitor() + '\u0000' + a.getKey()));

        ArrayNode ms = root.putArray("monitors");
        ArrayNode hawkes = root.putArray("hawkes");
        for (MonitorConfig m : monitors.values()) {
            List<LiveSeries> all = byMonitor.get(m.id());
            ObjectNode mo = ms.addObject();
            mo.put("id", m.id());
            mo.put("method", m.method());
            mo.put("alpha", m.alpha());
            mo.put("series_tracked", all.size());
            all.sort(Comparator.comparing((LiveSeries s) -> !alerting.contains(s.monitor + '\u0000' + s.key))
                    .thenComparing(LiveState::strength, Comparator.reverseOrder())
                    .thenComparing(s -> s.key));
            ArrayNode out = mo.putArray("series");
            List<LiveSeries> shown = all.subList(0, Math.min(k, all.size()));
            for (LiveSeries s : shown) {
                ObjectNode so = out.addObject();
                so.put("key", s.key);
                so.put("open_alert", alerting.contains(s.monitor + '\u0000' + s.key));
                so.set("latest", latest(s.latest));
                s.writeColumns(so);
            }
            for (LiveSeries s : shown) {
                if (HawkesView.METHOD.equals(s.latest.getMethod())) {
                    hawkes.add(HawkesView.of(s.latest));
                }
            }
        }

        ArrayNode open = root.putArray("open_alerts");
        List<Alert> newestFirst = new ArrayList<>(openAlerts.values());
        java.util.Collections.reverse(newestFirst);
        newestFirst.forEach(a -> open.add(alertJson(a)));
        ArrayNode recent = root.putArray("recent_alerts");
        recentAlerts.forEach(a -> recent.add(alertJson(a)));
        return root;
    }

    /** Sort key "strongest current evidence": log e-value, else −log p, else the statistic. */
    private static double strength(LiveSeries s) {
        Evidence e = s.latest;
        if (e.getEValue() != null && e.getEValue() > 0) {
            return Math.log(e.getEValue());
        }
        if (e.getPValue() != null && e.getPValue() > 0) {
            return -Math.log(e.getPValue());
        }
        return Double.isNaN(e.getStatistic()) ? Double.NEGATIVE_INFINITY : e.getStatistic();
    }

    private static JsonNode latest(Evidence e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("time", e.getTime());
        n.put("n", e.getN());
        putNumber(n, "statistic", e.getStatistic());
        putNumber(n, "e_value", e.getEValue());
        putNumber(n, "p_value", e.getPValue());
        putNumber(n, "threshold", e.getThreshold());
        n.put("alarm", e.getAlarm());
        return n;
    }

    private static JsonNode alertJson(Alert a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", a.getId());
        n.put("monitor", a.getMonitor());
        n.put("key", a.getKey());
        n.put("method", a.getMethod());
        n.put("state", a.getState().name());
        n.put("opened_at", a.getOpenedAt());
        n.put("time", a.getEvidence().getTime());
        putNumber(n, "e_value", a.getEvidence().getEValue());
        putNumber(n, "p_value", a.getEvidence().getPValue());
        n.put("message", a.getMessage());
        return n;
    }

    static void putNumber(ObjectNode n, String field, Double v) {
        if (v == null || !Double.isFinite(v)) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }
}
