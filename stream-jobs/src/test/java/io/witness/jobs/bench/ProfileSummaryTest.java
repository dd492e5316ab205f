package io.witness.jobs.bench;

import io.witness.jobs.bench.ProfileSummary.Part;
import io.witness.operators.kernel.BandwidthHeuristics;
import io.witness.operators.kernel.PairwiseDistanceSample;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules that sort the monitor operator's samples into parts, on stacks by hand and on a real recording. */
class ProfileSummaryTest {

    @Test
    void stateAccessAndEvidenceClaimEverythingBeneathThem() {
        // a model's fromBytes under the keyed-state cache is state access, not the method
        assertThat(ProfileSummary.classify(List.of("io.witness.operators.skit.SkitState.fromBytes",
                "io.witness.jobs.core.KeyedState.decode", "io.witness.jobs.core.StateCache.read",
                "io.witness.jobs.core.MonitorBatch.flush"))).isEqualTo(Part.STATE);
        // a HashMap probe (JDK, claims nothing) inside the cache
        assertThat(ProfileSummary.classify(List.of("java.util.HashMap.getNode", "java.util.LinkedHashMap.get",
                "io.witness.jobs.core.StateCache.read"))).isEqualTo(Part.STATE);
        // Jackson formatting a double for an evidence record
        assertThat(ProfileSummary.classify(List.of("com.fasterxml.jackson.core.io.NumberOutput.toString",
                "io.witness.jobs.codec.AvroJson.write", "io.witness.jobs.flink.CollectingSink.evidence",
                "io.witness.jobs.core.DeferredOutputs.emitInOrder"))).isEqualTo(Part.EVIDENCE);
    }

    @Test
    void theRestGoesToTheLeafMostFrameThatAPartClaims() {
        assertThat(ProfileSummary.classify(List.of("java.util.DualPivotQuicksort.sort", "java.util.Arrays.sort",
                "io.witness.operators.kernel.PairwiseDistanceSample.of", "io.witness.jobs.core.KeyedMonitorProcessor.update",
                "org.apache.flink.streaming.runtime.tasks.StreamTask.invoke"))).isEqualTo(Part.METHOD);
        assertThat(ProfileSummary.classify(List.of("io.prometheus.client.Histogram$Child.observe",
                "io.witness.jobs.core.KeyedMonitorProcessor.update"))).isEqualTo(Part.METRICS);
        assertThat(ProfileSummary.classify(List.of(
                "org.apache.flink.runtime.io.network.api.serialization.SpillingAdaptiveSpanningRecordDeserializer.getNextRecord",
                "org.apache.flink.streaming.runtime.io.AbstractStreamTaskNetworkInput.emitNext"))).isEqualTo(Part.INPUT);
        assertThat(ProfileSummary.classify(List.of("io.witness.jobs.core.KeyedMonitorProcessor.fingerprint",
                "io.witness.jobs.core.MonitorBatch.flush"))).isEqualTo(Part.PIPELINE);
        assertThat(ProfileSummary.classify(List.of())).isEqualTo(Part.PIPELINE);
    }

    @Test
    void aRecordingOfAnOperatorThreadDoingArithmeticIsTheMethod(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("p.jfr");
        try (Recording r = new Recording(Configuration.getConfiguration("profile"))) {
            r.start();
            Thread busy = new Thread(() -> {
                double[] x = new double[600];
                SplittableRandom rnd = new SplittableRandom(1);
                long until = System.nanoTime() + 1_500_000_000L;
                double sink = 0;
                while (System.nanoTime() < until) {
                    for (int i = 0; i < x.length; i++) {
                        x[i] = rnd.nextGaussian();
                    }
                    sink += BandwidthHeuristics.median(PairwiseDistanceSample.of(x, 600, 1, 7));
                }
                assertThat(sink).isPositive();
            }, ProfileSummary.OPERATOR_THREAD + " (micro-batches of 256 / 50ms) (1/1)#0");
            Thread other = new Thread(() -> {
                long until = System.nanoTime() + 1_500_000_000L;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }, "Source: sequence (1/1)#0");
            busy.start();
            other.start();
            busy.join();
            other.join();
            r.stop();
            r.dump(jfr);
        }
        ProfileSummary s = ProfileSummary.of(jfr);
        assertThat(s.samples()).as("samples of the operator thread only").isGreaterThanOrEqualTo(5);
        assertThat(s.share(Part.METHOD)).isGreaterThan(0.8);
        assertThat(s.line(3)).contains("method").contains("PairwiseDistanceSample.");
    }
}
