package io.witness.jobs.core;

import io.witness.operators.monitor.ExplanationValue;
import static org.assertj.core.api.Assertions.assertThat;

import io.witness.jobs.config.MonitorConfig;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.support.TestData;
import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.monitor.BatchScoring;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.monitor.StateShape;
import io.witness.operators.monitor.Step;
import io.witness.schemas.Alert;
import io.witness.schemas.DeadLetter;
import io.witness.schemas.Evidence;
import org.junit.jupiter.api.Test;

import java.io.DataInput;
import java.io.DataOutput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A batched method that reads event types gets them on the batched path: {@link MonitorBatch} stages and
 * updates with each observation's type, and the outputs equal one-at-a-time processing (where the
 * processor calls the model's typed update). The method counts events per type, so a lost type shows.
 */
class TypedBatchTest {

    private static final String MONITOR = """
              - id: typed
                source: {topic: t}
                fields: {x: [x]}
                method: noop
            """;

    /** Events per type, a step every third event; its batch refuses untyped calls. */
    private static final class TypeCounts implements Model {
        final TreeMap<String, Long> counts = new TreeMap<>();
        long n;

        @Override
        public Step update(long time, double[] values) {
            throw new AssertionError("a typed event reached the untyped update");
        }

        @Override
        public Step update(long time, String type, double[] values) {
            counts.merge(type, 1L, Long::sum);
            n++;
            return n % 3 != 0 ? null : new Step(n, counts.size(), null, null, 0, false, false,
                    Map.of("counts", ExplanationValue.text(counts.toString())));
        }

        @Override
        public long observations() {
            return n;
        }

        @Override
        public void writeState(DataOutput out) {
            throw new UnsupportedOperationException("state stays in memory in this test");
        }

        @Override
        public int stateBytes() {
            return 0;
        }
    }

    private static final class TypeCountsFactory implements MonitorFactory, BatchScoring {
        final List<String> stagedTypes = new ArrayList<>();
        final List<String> updatedTypes = new ArrayList<>();

        @Override
        public String method() {
            return "noop";
        }

        @Override
        public List<Role> roles() {
            return List.of(new Role("x", 1));
        }

        @Override
        public StateShape stateShape() {
            return StateShape.of(method(), roles()).build();
        }

        @Override
        public Model create() {
            return new TypeCounts();
        }

        @Override
        public Model restore(DataInput in) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Batch newBatch(ComputeBackend backend) {
            return new Batch() {
                @Override
                public int stage(Model model, List<double[]> values) {
                    throw new AssertionError("staged without types");
                }

                @Override
                public int stage(Model model, List<double[]> values, List<String> types) {
                    assertThat(types).hasSameSizeAs(values);
                    stagedTypes.addAll(types);
                    return 0;
                }

                @Override
                public void compute() {
                }

                @Override
                public Step update(int staged, Model model, long time, double[] values) {
                    throw new AssertionError("updated without its type");
                }

                @Override
                public Step update(int staged, Model model, long time, String type, double[] values) {
                    updatedTypes.add(type);
                    return model.update(time, type, values);
                }

                @Override
                public void reset() {
                }
            };
        }
    }

    private static List<String> run(List<MonitorInput> inputs, TypeCountsFactory factory, int batchSize) throws Exception {
        WitnessConfig config = TestData.config("""
                  metrics-port: 0
                  backend: cpu
                """, MONITOR);
        MonitorConfig m = config.monitors().get(0);
        Map<String, KeyedMonitorProcessor> processors =
                Map.of(m.id(), new KeyedMonitorProcessor(new BoundMonitor(m, factory), config.job()));
        MonitorBatch batch = new MonitorBatch(processors, precision -> null, config.job().compute().precision());
        MonitorBatch.StateStore store = MonitorBatch.inMemory(new HashMap<>());
        List<String> out = new ArrayList<>();
        OutputSink sink = new OutputSink() {
            @Override
            public void evidence(String topic, Evidence e) {
                out.add(e.getKey() + " " + e.getN() + " " + e.getExplanation());
            }

            @Override
            public void alert(String topic, Alert a) {
                out.add("alert " + a.getId());
            }

            @Override
            public void deadLetter(String topic, DeadLetter d) {
                out.add("dead " + d.getOffset());
            }
        };
        for (MonitorInput in : inputs) {
            if (batchSize == 1) {
                batch.processNow(in, store, sink);
            } else {
                batch.add(in, 0L);
                if (batch.size() >= batchSize) {
                    batch.flush(store, tag -> sink);
                }
            }
        }
        batch.flush(store, tag -> sink);
        return out;
    }

    @Test
    void theBatchedPathCarriesEachEventsType() throws Exception {
        Random r = new Random(11);
        List<String> types = List.of("login", "error", "timeout");
        List<MonitorInput> inputs = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String type = types.get(r.nextInt(types.size()));
            String key = r.nextBoolean() ? "a" : "b";
            inputs.add(new MonitorInput("typed", key, type, TestData.T0 + 1000L * i, new double[] {r.nextDouble()}, 0L,
                    "t", 0, i));
            sent.add(type);
        }

        TypeCountsFactory oneByOne = new TypeCountsFactory();
        TypeCountsFactory batched = new TypeCountsFactory();
        List<String> expected = run(inputs, oneByOne, 1);
        List<String> actual = run(inputs, batched, 64);

        assertThat(expected).hasSizeGreaterThan(90).anySatisfy(l -> assertThat(l).contains("error=").contains("login="));
        assertThat(actual).isEqualTo(expected);
        assertThat(oneByOne.updatedTypes).as("one at a time: no batch").isEmpty();
        assertThat(batched.stagedTypes).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(batched.updatedTypes).containsExactlyInAnyOrderElementsOf(sent);
    }
}
