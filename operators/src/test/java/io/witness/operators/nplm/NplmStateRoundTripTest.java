package io.witness.operators.nplm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.witness.operators.compute.Precision;
import io.witness.operators.compute.cpu.CpuBackend;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;
import io.witness.operators.monitor.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model written and restored at any point continues exactly as the original: the same steps
 * (statistic and p-value to the bit, the same explanation) and the same per-event scores, and
 * byte-identical states afterwards. Covers learning, the update that completes the reference (and
 * calibrates), a partly filled window, right after a test, an open incident and after it clears, for
 * a learnt and a file reference; {@code stateBytes()} is exactly what is written; bad versions and
 * truncations fail.
 */
class NplmStateRoundTripTest {

    @TempDir
    Path dir;

    /** Plain loops, so that both runs do the same arithmetic whatever the JIT has compiled (see NplmBatchTest). */
    static final CpuBackend PLAIN = new CpuBackend(1, Precision.DOUBLE, false);

    static final Map<String, Object> PARAMS = Map.of("window", 50, "reference-size", 400, "null-toys", 20,
            "resolve-after", 2);

    /** Reference-like events, then 4 shifted windows (incident), then normal ones (clears). */
    static List<double[]> events() {
        List<double[]> e = NplmStreams.gaussian(400 + 3 * 50, 2, 0, 0, 1);
        e = NplmStreams.concat(e, NplmStreams.gaussian(4 * 50, 2, 1.5, 0, 2));
        return NplmStreams.concat(e, NplmStreams.gaussian(5 * 50 + 17, 2, 0, 0, 3));
    }

    @Test
    void learntReferenceContinuesIdentically() throws IOException {
        check(NplmMethod.with(2, 0.05, PARAMS), new int[] {0, 1, 199, 399, 400, 401, 425, 449, 450, 630, 700, 760, 900});
    }

    @Test
    void fileReferenceContinuesIdentically() throws IOException {
        NplmFactory f = NplmMethod.with(2, 0.05, withFile(PARAMS));
        check(f, new int[] {0, 30, 49, 50, 51, 300, 420, 630, 777});
    }

    private Map<String, Object> withFile(Map<String, Object> base) throws IOException {
        Path csv = dir.resolve("ref.csv");
        StringBuilder sb = new StringBuilder("a,b\n");
        for (double[] v : NplmStreams.gaussian(400, 2, 0, 0, 99)) {
            sb.append(v[0]).append(',').append(v[1]).append('\n');
        }
        Files.writeString(csv, sb);
        Map<String, Object> p = new HashMap<>(base);
        p.put("reference", csv.toString());
        return p;
    }

    private static void check(NplmFactory f, int[] cuts) throws IOException {
        List<double[]> ev = events();
        // the original run, recording steps and scores per event
        NplmModel original = f.create();
        List<Step> steps = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        List<byte[]> snapshots = new ArrayList<>();
        int c = 0;
        for (int i = 0; i <= ev.size(); i++) {
            if (c < cuts.length && cuts[c] == i) {
                byte[] b = write(original);
                assertThat(b).hasSize(original.stateBytes());
                snapshots.add(b);
                c++;
            }
            if (i == ev.size()) {
                break;
            }
            steps.add(original.update(1000L * i, ev.get(i), PLAIN, null));
            scores.add(original.lastScore());
        }
        assertThat(steps.stream().filter(s -> s != null && s.alarm()).count()).isGreaterThanOrEqualTo(3);
        assertThat(steps.stream().anyMatch(s -> s != null && s.clear())).isTrue();
        byte[] end = write(original);
        for (int k = 0; k < cuts.length; k++) {
            Model restored = f.restore(new StateInput(snapshots.get(k)));
            assertThat(write(restored)).as("rewrite at %d", cuts[k]).isEqualTo(snapshots.get(k));
            for (int i = cuts[k]; i < ev.size(); i++) {
                Step s = ((NplmModel) restored).update(1000L * i, ev.get(i), PLAIN, null);
                assertThat(s).as("step at %d (restored at %d)", i, cuts[k]).isEqualTo(steps.get(i));
                assertThat(((NplmModel) restored).lastScore()).isEqualTo(scores.get(i));
            }
            assertThat(write(restored)).as("state after restoring at %d", cuts[k]).isEqualTo(end);
        }
    }

    static byte[] write(Model m) throws IOException {
        StateOutput out = new StateOutput(m.stateBytes());
        m.writeState(out);
        return out.toByteArray();
    }

    @Test
    void unknownVersionAndTruncationFail() throws IOException {
        NplmFactory f = NplmMethod.with(2, 0.05, PARAMS);
        NplmModel m = f.create();
        NplmStreams.feed(m, NplmStreams.gaussian(460, 2, 0, 0, 5), 0);
        byte[] b = write(m);
        byte[] bad = b.clone();
        bad[0] = 9;
        assertThatThrownBy(() -> f.restore(new StateInput(bad))).isInstanceOf(IOException.class)
                .hasMessageContaining("version 9");
        for (int cut : new int[] {0, 1, 5, 20, 33, 40, b.length / 2, b.length - 1}) {
            byte[] t = java.util.Arrays.copyOf(b, cut);
            assertThatThrownBy(() -> f.restore(new StateInput(t))).as("cut at %d", cut).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aChangedReferenceFileRestartsTheWindow() throws IOException {
        NplmFactory f = NplmMethod.with(2, 0.05, withFile(PARAMS));
        NplmModel m = f.create();
        NplmStreams.feed(m, NplmStreams.gaussian(70, 2, 0, 0, 6), 0);
        byte[] b = write(m);
        Path other = dir.resolve("other.csv");
        StringBuilder sb = new StringBuilder();
        for (double[] v : NplmStreams.gaussian(400, 2, 0.2, 0, 98)) {
            sb.append(v[0]).append(',').append(v[1]).append('\n');
        }
        Files.writeString(other, sb);
        Map<String, Object> p = new HashMap<>(PARAMS);
        p.put("reference", other.toString());
        NplmFactory changed = NplmMethod.with(2, 0.05, p);
        NplmModel r = (NplmModel) changed.restore(new StateInput(b));
        assertThat(r.observations()).isEqualTo(70);
        assertThat(r.windowCopy().count()).isZero();
        assertThat(Double.isNaN(r.logRatio(new double[] {0, 0}))).isTrue();
        // the unchanged file keeps it
        NplmModel same = (NplmModel) f.restore(new StateInput(b));
        assertThat(same.windowCopy().count()).isEqualTo(50);
    }

    @Test
    void stateSizeIsBoundedByTheFactoryFigure() throws IOException {
        NplmFactory f = NplmMethod.with(2, 0.05, PARAMS);
        NplmModel m = f.create();
        int max = 0;
        List<double[]> ev = events();
        for (int i = 0; i < ev.size(); i++) {
            m.update(1000L * i, ev.get(i));
            max = Math.max(max, m.stateBytes());
        }
        assertThat(max).isLessThanOrEqualTo(f.maxStateBytes());
        // learnt, d = 2, P = 400, window 50, 20 toys, M = ⌈√400⌉ = 20:
        // header 30 + reference (12 + 32 + 6 400) + calibration (4 + 160 + 25) + window (8 + 50·24) + fit (4 + 20·24)
        assertThat(m.stateBytes()).isEqualTo(30 + 6444 + 189 + 1208 + 484);
    }
}
