package io.witness.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.witness.jobs.config.FieldSpec;
import io.witness.jobs.config.KeyField;
import io.witness.jobs.config.MonitorConfig;
import io.witness.jobs.config.WireFormat;
import io.witness.jobs.core.BoundMonitor;
import io.witness.jobs.core.MonitorBinder;
import io.witness.operators.monitor.BatchScoring;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.monitor.Step;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * {@code witness bench --prewarm}: the template is a model past its method's warm-up, every key's first
 * model is a fresh copy of it, and everything else stays the method's own.
 */
class PrewarmTest {
    private static final long NOW = 1_765_000_000_000L;

    private static MonitorConfig monitor(String id, String method, Map<String, List<FieldSpec>> roles, KeyField typeField) {
        return new MonitorConfig(id, "t", WireFormat.JSON, KeyField.KEY, roles, method, Map.of(), 0.01, "a", "e", "d",
                Duration.ofMinutes(1), 1, typeField);
    }

    private static final MonitorConfig FORECAST = monitor("kf", "kernel-forecast",
            Map.of("value", List.of(new FieldSpec("v", 1, false))), null);

    @Test
    void everyKeyStartsFromACopyOfTheTemplatePastTheWarmUp() throws Exception {
        Calibration cal = Calibration.of(FORECAST, 1);
        byte[] template = Prewarm.templates(FORECAST, 1, cal.observations(), NOW, 1_000).get(0);
        BoundMonitor plain = BoundMonitor.bind(FORECAST);
        BoundMonitor warmed = new Prewarm.Binder(Map.of("kf", List.of(template))).bind(FORECAST);

        Model fresh = plain.factory().create();
        Model a = warmed.factory().create();
        Model b = warmed.factory().create();
        assertThat(fresh.observations()).isZero();
        assertThat(a.observations()).isEqualTo(cal.observations()).isGreaterThanOrEqualTo(cal.settledAfter());
        assertThat(a.stateBytes()).isEqualTo(template.length).isEqualTo(cal.modelBytes());
        assertThat(a).isNotSameAs(b);

        // past the warm-up (128 observations and a fit): the first event of a key already steps, a fresh model does not
        Step first = a.update(NOW + 1_000, new double[] {0.3});
        assertThat(first).isNotNull();
        assertThat(fresh.update(NOW + 1_000, new double[] {0.3})).isNull();
        assertThat(b.observations()).as("keys do not share a model").isEqualTo(cal.observations());

        // the method's own shape and lateness: stored states restore and stay compatible with production jobs
        assertThat(warmed.factory().stateShape()).isEqualTo(plain.factory().stateShape());
        assertThat(warmed.factory().method()).isEqualTo("kernel-forecast");
    }

    @Test
    void batchScoringMethodsKeepTheirBatchesAndOtherMonitorsAreBoundAsInEveryJob() throws Exception {
        MonitorConfig skit = monitor("s", "skit", Map.of("x", List.of(new FieldSpec("x", 1, false)),
                "y", List.of(new FieldSpec("y", 1, false))), null);
        Calibration cal = Calibration.of(skit, 1);
        List<byte[]> templates = Prewarm.templates(skit, 1, cal.observations(), NOW, 1_000);
        assertThat(templates).hasSize(Prewarm.TEMPLATES);
        MonitorBinder binder = new Prewarm.Binder(Map.of("s", templates));

        // the binder travels with the operator
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(binder);
        }
        MonitorBinder copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (MonitorBinder) in.readObject();
        }
        MonitorFactory f = copy.bind(skit).factory();
        assertThat(f).isInstanceOf(BatchScoring.class).isInstanceOf(PrewarmedFactory.class);
        // keys take the templates in turn: the first after n observations, the next n/8 later, ...
        long step = (cal.observations() + Prewarm.TEMPLATES - 1) / Prewarm.TEMPLATES;
        for (int j = 0; j < 2 * Prewarm.TEMPLATES; j++) {
            assertThat(f.create().observations()).isEqualTo(cal.observations() + (j % Prewarm.TEMPLATES) * step);
        }
        assertThat(copy.bind(FORECAST).factory()).as("no template: the method's factory itself")
                .isNotInstanceOf(PrewarmedFactory.class);
    }

    @Test
    void theTemplatesAreSpacedAsOneKeyOfTheBenchSeesItsEvents() {
        assertThat(Prewarm.spacingMillis(1, 0)).isEqualTo(1_000);
        assertThat(Prewarm.spacingMillis(10_000, 0)).isEqualTo(1_000);
        assertThat(Prewarm.spacingMillis(1_000_000, 0)).isEqualTo(100_000);
        assertThat(Prewarm.spacingMillis(1_000_000, 50_000)).isEqualTo(20_000);
    }

    @Test
    void aCyclicMethodsTemplatesSampleItsCycleSoThatNotEveryKeyStartsInItsReferencePhase() {
        MonitorConfig mmd = monitor("m", "mmd-betting", Map.of("x", List.of(new FieldSpec("x", 1, false))), null);
        Calibration cal = Calibration.of(mmd, 1);
        List<byte[]> templates = Prewarm.templates(mmd, 1, cal.observations(), NOW, 1_000);
        long stepping = templates.stream().filter(t -> {
            Model m = new Prewarm.Binder(Map.of("m", List.of(t))).bind(mmd).factory().create();
            boolean stepped = false;
            for (int i = 1; i <= 4; i++) {
                stepped |= m.update(NOW + 1_000L * i, new double[] {0.1 * i}) != null;
            }
            return stepped;
        }).count();
        assertThat(stepping).as("templates whose next events already bet").isGreaterThanOrEqualTo(Prewarm.TEMPLATES / 2);
    }

    @Test
    void pointProcessTemplatesAreWarmedOnTypedEventsThatEndBeforeTheBenchStarts() {
        MonitorConfig hawkes = monitor("h", "hawkes", Map.of(), KeyField.TYPE);
        Calibration cal = Calibration.of(hawkes, 1);
        assertThat(cal.steps()).as("typed calibration events make the model refit").isPositive();
        byte[] template = Prewarm.templates(hawkes, 1, cal.observations(), NOW, 1_000).get(0);
        Model m = new Prewarm.Binder(Map.of("h", List.of(template))).bind(hawkes).factory().create();
        assertThat(m.observations()).isEqualTo(cal.observations());
        assertThat(template.length).as("both types discovered, as in the calibration").isBetween(
                cal.modelBytes() * 9 / 10, cal.modelBytes() * 11 / 10);
        // its next event comes after the template's last one: not dropped as late by the model
        m.update(NOW + 500, "t0", new double[0]);
        assertThat(m.observations()).isEqualTo(cal.observations() + 1);
    }
}
