package io.witness.operators.ksd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.monitor.Step;
import io.witness.operators.pksd.PksdMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static io.witness.operators.monitor.ExplanationValue.text;
import static io.witness.operators.monitor.ExplanationValue.integer;

/** The windowed goodness-of-fit monitors as a key sees them: phases, windows, alarms, explanations, config errors. */
class KsdModelTest {

    @TempDir
    Path dir;

    private static double g(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log1p(-r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static List<Step> feed(Model m, int n, double shift, double scale1, SplittableRandom r) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Step s = m.update(i, new double[] {2 + g(r), scale1 * g(r) + shift});
            if (s != null) {
                steps.add(s);
            }
        }
        return steps;
    }

    @Test
    void perKeyFittedGaussianCatchesAShiftAndNamesTheCoordinate() {
        MonitorFactory f = new KsdMethod().configure(Map.of("x", 2), 0.01,
                Map.of("reference-size", 300, "window", 100, "bootstrap-draws", 200));
        Model m = f.create();
        SplittableRandom r = new SplittableRandom(1);
        assertThat(feed(m, 300, 0, 1, r)).as("reference events are never tested").isEmpty();
        List<Step> calm = feed(m, 500, 0, 1, r);
        assertThat(calm).hasSize(5);
        assertThat(calm).allSatisfy(s -> assertThat(s.pValue()).isNotNull());
        assertThat(calm.stream().filter(Step::alarm).count()).isLessThanOrEqualTo(1);
        List<Step> shifted = feed(m, 200, 1.0, 1, r);
        assertThat(shifted).allMatch(Step::alarm);
        Step s = shifted.get(0);
        assertThat(s.explanation()).containsEntry("top_coordinate", integer(1)).containsEntry("model", text("gaussian(d=2)"))
                .containsKeys("coordinate_shares", "top_events", "bandwidth", "window");
        assertThat(s.threshold()).isEqualTo(0.01);
        assertThat(s.eValue()).isNull();
        List<Step> back = feed(m, 100, 0, 1, r);
        assertThat(back.get(0).clear()).as("the first passing window after an alarm clears").isEqualTo(!back.get(0).alarm());
    }

    @Test
    void slidingWindowTestsEveryHop() {
        MonitorFactory f = new KsdMethod().configure(Map.of("x", 2), 0.05,
                Map.of("mean", "2,0", "window", 50, "hop", 10, "bootstrap-draws", 50));
        List<Step> steps = feed(f.create(), 100, 0, 1, new SplittableRandom(2));
        assertThat(steps).extracting(Step::n).containsExactly(50L, 60L, 70L, 80L, 90L, 100L);
    }

    @Test
    void modelFittedOnAReferenceFileIsSharedByEveryKey() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < 400; i++) {
            csv.append(2 + g(r)).append(',').append(g(r)).append('\n');
        }
        Path file = Files.writeString(dir.resolve("ref.csv"), csv);
        WindowedGofFactory f = new KsdMethod().configure(Map.of("x", 2), 0.05,
                Map.of("reference-file", file.toString(), "window", 60, "bootstrap-draws", 50));
        assertThat(f.model().shared()).isNotNull();
        List<Step> steps = feed(f.create(), 60, 0, 3, r);
        assertThat(steps).hasSize(1);
        assertThat(steps.get(0).alarm()).as("variance ×3 in coordinate 1").isTrue();
    }

    @Test
    void pksdMonitorSeesAModeWeightChangeThatKsdMisses() {
        Map<String, Object> model = Map.of("model", "mixture", "means", "0;6", "window", 100, "bootstrap-draws", 200);
        MonitorFactory ksd = new KsdMethod().configure(Map.of("x", 1), 0.05, model);
        MonitorFactory pksd = new PksdMethod().configure(Map.of("x", 1), 0.05, model);
        Model a = ksd.create();
        Model b = pksd.create();
        SplittableRandom r = new SplittableRandom(4);
        int ksdAlarms = 0;
        int pksdAlarms = 0;
        Step last = null;
        for (int i = 0; i < 300; i++) {
            double[] x = {g(r)};   // all mass in the first mode: weights 1/0 instead of ½/½
            Step sa = a.update(i, x);
            Step sb = b.update(i, x);
            ksdAlarms += sa != null && sa.alarm() ? 1 : 0;
            pksdAlarms += sb != null && sb.alarm() ? 1 : 0;
            last = sb != null ? sb : last;
        }
        assertThat(ksdAlarms).isLessThanOrEqualTo(1);
        assertThat(pksdAlarms).isEqualTo(3);
        assertThat(last.explanation()).containsEntry("test", text("spksd")).containsEntry("modes", integer(2))
                .containsEntry("perturbations", integer(21));
    }

    @Test
    void configurationErrorsNameTheParameter() {
        KsdMethod m = new KsdMethod();
        Map<String, Integer> dims = Map.of("x", 2);
        assertThatThrownBy(() -> m.configure(dims, 0.05, Map.of("mean", "0"))).hasMessageContaining("'mean' needs 2");
        assertThatThrownBy(() -> m.configure(dims, 0.05, Map.of("mean", "0,0", "covariance", "1,2;2,1")))
                .hasMessageContaining("positive definite");
        assertThatThrownBy(() -> m.configure(dims, 0.05, Map.of("statistic", "v", "bootstrap", "multinomial")))
                .hasMessageContaining("bootstrap");
        assertThatThrownBy(() -> m.configure(dims, 0.05, Map.of("window", 100, "hop", 200))).hasMessageContaining("hop");
        assertThatThrownBy(() -> m.configure(dims, 0.05, Map.of("windw", 100))).hasMessageContaining("windw");
        assertThatThrownBy(() -> m.configure(dims, 0.05, Map.of("means", "0,0;1,1"))).hasMessageContaining("mixture");
        assertThatThrownBy(() -> m.configure(dims, 0.05, Map.of("reference-file", dir.resolve("none.csv").toString())))
                .hasMessageContaining("parameter 'reference-file': cannot read").hasMessageContaining("none.csv: no such file");
    }
}
