package io.witness.operators.skit;

import io.witness.operators.compute.BackendMode;
import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.compute.ComputeBackends;
import io.witness.operators.compute.ForwardingBackend;
import io.witness.operators.compute.Precision;
import io.witness.operators.kernel.FeatureMap;
import io.witness.operators.monitor.BatchScoring;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.monitor.Step;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batched path ({@link SkitBatch}: the random features of a whole micro-batch of many keys in one
 * backend call per side) gives the same steps and the same state bytes as feeding each key's model one
 * observation at a time — bit for bit with the CPU backend in double precision, whose feature maps are
 * {@link FeatureMap#map}'s arithmetic.
 */
class SkitBatchTest {
    private static final int KEYS = 6;
    private static ComputeBackend cpu;

    @BeforeAll
    static void backend() {
        cpu = ComputeBackends.create(BackendMode.CPU, Precision.DOUBLE, 2).backend();
    }

    @AfterAll
    static void close() {
        cpu.close();
    }

    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.of("rff, fixed bandwidths, x and y scalar", 1, 1,
                        Map.of("bandwidth-x", 1.0, "bandwidth-y", 1.5, "features", 16, "seed", 3)),
                Arguments.of("rff, median heuristic per key (burn-in 20), forgetting", 1, 1,
                        Map.of("burn-in", 20, "features", 8, "forgetting", 0.05, "bettor", "agrapa")),
                Arguments.of("rff, vectors (dx 2, dy 3), median heuristic", 2, 3,
                        Map.of("burn-in", 12, "features", 8, "bettor", "mixture")),
                Arguments.of("exact witness (nothing to stage)", 1, 1,
                        Map.of("witness", "exact", "max-history", 40, "burn-in", 10)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void aBatchOfManyKeysGivesTheStepsAndStatesOfOneByOneUpdates(String name, int dx, int dy, Map<String, Object> params) {
        SkitFactory factory = (SkitFactory) SkitMethod.factory(Map.of("x", dx, "y", dy), 0.05, params);
        CountingBackend counting = new CountingBackend(cpu);
        BatchScoring.Batch batch = factory.newBatch(counting);
        Model[] oneByOne = new Model[KEYS];
        Model[] batched = new Model[KEYS];
        List<List<Step>> expected = new ArrayList<>();
        List<List<Step>> got = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            oneByOne[k] = factory.create();
            batched[k] = factory.create();
            expected.add(new ArrayList<>());
            got.add(new ArrayList<>());
        }
        Random r = new Random(17);
        long t = 0;
        int batches = 0;
        while (t < 2400) {
            // a batch of 1..48 observations; key 0 is hot (about half of them), so keys appear 0..many times
            int size = 1 + r.nextInt(48);
            Map<Integer, List<double[]>> byKey = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                int key = r.nextBoolean() ? 0 : r.nextInt(KEYS);
                double[] v = observation(r, dx, dy, key, t);
                t++;
                Step s = oneByOne[key].update(t, v);
                if (s != null) {
                    expected.get(key).add(s);
                }
                byKey.computeIfAbsent(key, x -> new ArrayList<>()).add(v);
            }
            Map<Integer, Integer> handles = new LinkedHashMap<>();
            byKey.forEach((key, values) -> handles.put(key, batch.stage(batched[key], values)));
            int callsBefore = counting.rowCalls;
            batch.compute();
            if (counting.rowCalls > callsBefore) {
                assertThat(counting.rowCalls - callsBefore).as("one backend call per side (x, y) per batch").isEqualTo(2);
            }
            long tt = t - size;
            for (Map.Entry<Integer, List<double[]>> e : byKey.entrySet()) {
                // (times within a key only need to increase; SKIT does not use them)
                for (double[] v : e.getValue()) {
                    Step s = batch.update(handles.get(e.getKey()), batched[e.getKey()], ++tt, v);
                    if (s != null) {
                        got.get(e.getKey()).add(s);
                    }
                }
            }
            batch.reset();
            batches++;
            for (int k = 0; k < KEYS; k++) {
                assertThat(SkitStateBytes.write(batched[k])).as("state of key %d after batch %d", k, batches)
                        .isEqualTo(SkitStateBytes.write(oneByOne[k]));
            }
        }
        for (int k = 0; k < KEYS; k++) {
            assertThat(got.get(k)).as("steps of key %d", k).isEqualTo(expected.get(k));
        }
        assertThat(expected.stream().mapToInt(List::size).sum()).as("bets placed").isGreaterThan(500);
        if (params.get("witness") == null) {
            // the staging really served the pairs: rows for nearly every observation past burn-in went through the backend
            assertThat(counting.rows).as("feature rows computed by the backend").isGreaterThan(2400 * 8 / 10);
        } else {
            assertThat(counting.rows).as("the exact witness has no features to stage").isZero();
        }
    }

    @Test
    void anUpdateWithOtherValuesThanStagedComputesItsOwnFeatures() {
        MonitorFactory factory = SkitMethod.factory(Map.of("x", 1, "y", 1), 0.05,
                Map.of("bandwidth-x", 1.0, "bandwidth-y", 1.0, "features", 8));
        Model reference = factory.create();
        Model batched = factory.create();
        BatchScoring.Batch batch = ((BatchScoring) factory).newBatch(cpu);
        Random r = new Random(5);
        for (int round = 0; round < 50; round++) {
            List<double[]> staged = new ArrayList<>();
            List<double[]> fed = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                double[] v = {r.nextGaussian(), r.nextGaussian()};
                staged.add(v);
                // every third observation is not the staged one (the stream layer never does this; the batch must cope)
                fed.add(i % 3 == 2 ? new double[] {r.nextGaussian(), r.nextGaussian()} : v);
            }
            int h = batch.stage(batched, staged);
            batch.compute();
            for (double[] v : fed) {
                assertThat(batch.update(h, batched, round, v)).isEqualTo(reference.update(round, v));
            }
            batch.reset();
            assertThat(SkitStateBytes.write(batched)).isEqualTo(SkitStateBytes.write(reference));
        }
    }

    /** x ~ N(0, I); y = 0.6·(first x) + noise on key 0 after t = 800 (so some keys alarm and restart), else independent. */
    private static double[] observation(Random r, int dx, int dy, int key, long t) {
        double[] v = new double[dx + dy];
        for (int i = 0; i < dx + dy; i++) {
            v[i] = r.nextGaussian();
        }
        if (key == 0 && t > 800) {
            for (int j = 0; j < dy; j++) {
                v[dx + j] = 0.9 * v[0] + 0.3 * v[dx + j];
            }
        }
        return v;
    }

    /** The real backend, counting what goes through its feature maps. */
    private static final class CountingBackend extends ForwardingBackend {
        int rowCalls;
        long rows;

        CountingBackend(ComputeBackend delegate) {
            super(delegate);
        }

        @Override
        public void featureMapRows(FeatureMap map, double[] invSigmas, double[] x, int n, double[] out) {
            rowCalls++;
            rows += n;
            super.featureMapRows(map, invSigmas, x, n, out);
        }

        /** The test owns the real backend and closes it itself. */
        @Override
        public void close() {
        }
    }
}
