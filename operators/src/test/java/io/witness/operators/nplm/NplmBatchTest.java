package io.witness.operators.nplm;

import static org.assertj.core.api.Assertions.assertThat;

import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.compute.Precision;
import io.witness.operators.compute.cpu.CpuBackend;
import io.witness.operators.monitor.BatchScoring;
import io.witness.operators.monitor.Step;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The micro-batch path (stage per key, one compute, update in order) gives exactly the steps, scores
 * and states of one-at-a-time updates on the same backend, whatever the batch size — including keys
 * whose reference completes inside a batch — and it really runs the tests in {@code compute}.
 */
class NplmBatchTest {

    static final Map<String, Object> PARAMS = Map.of("window", 40, "slide", 20, "reference-size", 200,
            "null-toys", 20);

    @Test
    void batchedEqualsOneAtATime() throws IOException {
        NplmFactory f = NplmMethod.with(1, 0.05, PARAMS);
        // plain loops: the Vector API kernels' exp differs by an ulp between interpreted and compiled code,
        // which the ill-conditioned solve amplifies; bit-equality needs the same arithmetic on both paths
        ComputeBackend backend = new CpuBackend(2, Precision.DOUBLE, false);
        String[] keys = {"a", "b", "c"};
        Map<String, List<double[]>> streams = new LinkedHashMap<>();
        for (int k = 0; k < keys.length; k++) {
            streams.put(keys[k], NplmStreams.concat(NplmStreams.gaussian(200 + 60, 1, 0, 0, 10 + k),
                    NplmStreams.gaussian(120, 1, k * 0.8, 0, 20 + k)));
        }
        // interleaved arrival order
        List<String> order = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        int[] at = new int[keys.length];
        for (int i = 0; order.size() < 3 * 380; i++) {
            int k = (i * 7 + i / 5) % 3;
            if (at[k] < 380) {
                order.add(keys[k]);
                values.add(streams.get(keys[k]).get(at[k]++));
            }
        }
        // one at a time
        Map<String, NplmModel> single = new LinkedHashMap<>();
        List<Step> expected = new ArrayList<>();
        List<Double> expectedScores = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            NplmModel m = single.computeIfAbsent(order.get(i), k -> f.create());
            expected.add(m.update(i, values.get(i), backend, null));
            expectedScores.add(m.lastScore());
        }
        assertThat(expected.stream().filter(s -> s != null).count()).isGreaterThan(20);
        for (int batchSize : new int[] {1, 7, 64, 1000}) {
            Map<String, NplmModel> models = new LinkedHashMap<>();
            BatchScoring.Batch batch = f.newBatch(backend);
            int ranInCompute = 0;
            for (int start = 0; start < order.size(); start += batchSize) {
                int end = Math.min(order.size(), start + batchSize);
                Map<String, List<Integer>> byKey = new LinkedHashMap<>();
                for (int i = start; i < end; i++) {
                    byKey.computeIfAbsent(order.get(i), k -> new ArrayList<>()).add(i);
                }
                Map<String, Integer> handles = new LinkedHashMap<>();
                for (var e : byKey.entrySet()) {
                    NplmModel m = models.computeIfAbsent(e.getKey(), k -> f.create());
                    List<double[]> v = new ArrayList<>();
                    e.getValue().forEach(i -> v.add(values.get(i)));
                    handles.put(e.getKey(), batch.stage(m, v));
                }
                batch.compute();
                ranInCompute += ((NplmBatch) batch).completedTests();
                for (var e : byKey.entrySet()) {
                    NplmModel m = models.get(e.getKey());
                    for (int i : e.getValue()) {
                        Step s = batch.update(handles.get(e.getKey()), m, i, values.get(i));
                        assertThat(s).as("batch %d, event %d", batchSize, i).isEqualTo(expected.get(i));
                        assertThat(m.lastScore()).isEqualTo(expectedScores.get(i));
                    }
                }
                batch.reset();
            }
            for (String k : keys) {
                assertThat(NplmStateRoundTripTest.write(models.get(k))).isEqualTo(NplmStateRoundTripTest.write(single.get(k)));
            }
            if (batchSize > 1) {
                assertThat(ranInCompute).as("tests run in compute, batch %d", batchSize).isGreaterThan(0);
            }
        }
    }
}
