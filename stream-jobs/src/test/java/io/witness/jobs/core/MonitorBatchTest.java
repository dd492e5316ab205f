package io.witness.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.witness.jobs.codec.AvroJson;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.support.TestData;
import io.witness.schemas.Alert;
import io.witness.schemas.DeadLetter;
import io.witness.schemas.Evidence;

/**
 * A micro-batch gives exactly what processing its observations one at a time gives — the same
 * evidence, alerts and dead letters in the same order, the same state bytes — while it reads and
 * writes each key's state once per batch. Three monitors (SKIT with per-key median-heuristic bandwidths,
 * SKIT with fixed bandwidths that alarms and resolves, the noop baseline), hot and cold keys, late
 * and duplicate events, batches of 1 to 120 observations.
 */
class MonitorBatchTest {
    private static final String JOB = """
              allowed-lateness: 5s
              dedupe-window: 4
              metrics-port: 0
              backend: cpu
              batch: {max-items: 120, max-delay: 1s}
            """;
    private static final String MEDIAN = """
              - id: median
                source: {topic: t}
                fields: {x: [x], y: [y]}
                method: skit
                params: {burn-in: 30, features: 8, seed: 5}
            """;
    private static final String BASELINE = """
              - id: base
                source: {topic: t}
                fields: {x: [x, y]}
                method: noop
                params: {state-bytes: 300, step-every: 3}
            """;

    private static final WitnessConfig CONFIG = TestData.config(JOB, MEDIAN,
            TestData.skitMonitor("fixed", "t", 40, "5s"), BASELINE);

    @Test
    void batchesGiveTheOutputsAndStatesOfOneByOneProcessingWithOneStateReadAndWritePerKey() throws Exception {
        List<MonitorInput> inputs = inputs(new Random(3), 3000);

        Map<String, byte[]> oneByOneState = new HashMap<>();
        Transcript oneByOne = new Transcript();
        MonitorBatch reference = batch();
        MonitorBatch.StateStore referenceStore = MonitorBatch.serialized(new MapStore(oneByOneState));
        for (MonitorInput in : inputs) {
            reference.processNow(in, referenceStore, oneByOne);
        }

        Map<String, byte[]> batchedState = new HashMap<>();
        MapStore counting = new MapStore(batchedState);
        MonitorBatch.StateStore store = MonitorBatch.serialized(counting);
        Transcript batched = new Transcript();
        MonitorBatch b = batch();
        Random sizes = new Random(9);
        int at = 0;
        int flushes = 0;
        while (at < inputs.size()) {
            int size = Math.min(inputs.size() - at, 1 + sizes.nextInt(120));
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < size; i++) {
                MonitorInput in = inputs.get(at + i);
                b.add(in, at + i);
                keys.add(in.routingKey());
            }
            counting.reads = 0;
            counting.writes = 0;
            List<Long> tags = new ArrayList<>();
            b.flush(store, tag -> {
                tags.add(tag);
                return batched;
            });
            assertThat(counting.reads).as("state reads in flush %d", flushes).isEqualTo(keys.size());
            assertThat(counting.writes).as("state writes in flush %d", flushes).isEqualTo(keys.size());
            assertThat(tags).as("outputs leave in arrival order").isSorted();
            assertThat(b.isEmpty()).isTrue();
            at += size;
            flushes++;
        }

        assertThat(oneByOne.lines).as("what one-by-one processing emits").hasSizeGreaterThan(2000);
        assertThat(oneByOne.lines).anyMatch(l -> l.startsWith("alert") && l.contains("\"state\":\"OPEN\""));
        assertThat(oneByOne.lines).anyMatch(l -> l.startsWith("alert") && l.contains("\"state\":\"RESOLVED\""));
        assertThat(oneByOne.lines).anyMatch(l -> l.startsWith("dead LATE"));
        assertThat(oneByOne.lines).anyMatch(l -> l.startsWith("dead DUPLICATE"));
        assertThat(batched.lines).isEqualTo(oneByOne.lines);
        assertThat(batchedState.keySet()).isEqualTo(oneByOneState.keySet());
        batchedState.forEach((k, v) -> assertThat(v).as("state of %s", k).isEqualTo(oneByOneState.get(k)));
    }

    private static MonitorBatch batch() {
        Map<String, KeyedMonitorProcessor> processors = new HashMap<>();
        BoundMonitor.bindAll(CONFIG).forEach((id, bm) -> processors.put(id, new KeyedMonitorProcessor(bm, CONFIG.job())));
        return new MonitorBatch(processors, Backends.forJob(CONFIG.job().compute()), CONFIG.job().compute().precision());
    }

    /**
     * Each event goes to all three monitors. Key "hot" (a third of the events) has y = x + noise between events
     * 900 and 1500 (the fixed-bandwidth SKIT alarms, then resolves); one event in 50 is repeated (DUPLICATE) and
     * one in 70 is 60 s older than its key's newest (LATE).
     */
    private static List<MonitorInput> inputs(Random r, int events) {
        String[] keys = {"hot", "a", "b", "c", "d", "e", "f", "g", "h", "i"};
        Map<String, Long> clock = new HashMap<>();
        List<MonitorInput> out = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < events; i++) {
            String key = r.nextInt(3) == 0 ? "hot" : keys[1 + r.nextInt(keys.length - 1)];
            long t = clock.merge(key, 1000L, Long::sum) + TestData.T0;
            double x = r.nextGaussian();
            double y = key.equals("hot") && i > 900 && i < 1500 ? x + 0.05 * r.nextGaussian() : r.nextGaussian();
            if (i % 70 == 69) {
                t -= 60_000;
            }
            int copies = i % 50 == 49 ? 2 : 1;
            for (int c = 0; c < copies; c++) {
                for (String m : List.of("median", "fixed", "base")) {
                    out.add(new MonitorInput(m, key, t, new double[] {x, y}, 0L, "t", 0, offset++));
                }
            }
        }
        return out;
    }

    /** Everything emitted, in order, as text (a dead letter without its wall-clock time). */
    private static final class Transcript implements OutputSink {
        final List<String> lines = new ArrayList<>();

        @Override
        public void evidence(String topic, Evidence e) {
            lines.add("evidence " + topic + " " + new String(AvroJson.write(e), StandardCharsets.UTF_8));
        }

        @Override
        public void alert(String topic, Alert a) {
            lines.add("alert " + topic + " " + new String(AvroJson.write(a), StandardCharsets.UTF_8));
        }

        @Override
        public void deadLetter(String topic, DeadLetter d) {
            lines.add("dead " + d.getReason() + " " + topic + " " + d.getMonitor() + " " + d.getKey() + " "
                    + d.getOffset() + " " + d.getReasonText());
        }
    }

    /** Keyed state as bytes in a map, counting reads and writes. */
    private static final class MapStore implements MonitorBatch.ByteStore {
        final Map<String, byte[]> bytes;
        int reads;
        int writes;

        MapStore(Map<String, byte[]> bytes) {
            this.bytes = bytes;
        }

        @Override
        public byte[] read(String routingKey) {
            reads++;
            return bytes.get(routingKey);
        }

        @Override
        public void write(String routingKey, byte[] b) {
            writes++;
            bytes.put(routingKey, b);
        }
    }
}
