package io.witness.operators.seqksd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.witness.operators.monitor.Monitor;
import io.witness.operators.monitor.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** sequence-ksd as a key sees it: sessions by end type and by gap, reference fit, windows, a changed workflow. */
class SequenceKsdMonitorTest {

    static final Map<String, Object> PARAMS = Map.of("alphabet", "login,view,cart,buy,logout", "end-type", "logout",
            "reference-sessions", 100, "window", 30, "bootstrap-draws", 300, "session-gap-seconds", 600);

    /**
     * A shop session: login, then views (each followed by another view w.p. {@code loop}), then either
     * cart → buy or straight to logout; {@code cartChance} is the probability of the cart path.
     */
    static void session(List<double[]> out, double loop, double cartChance, SplittableRandom r) {
        out.add(new double[] {0});
        do {
            out.add(new double[] {1});
        } while (r.nextDouble() < loop);
        if (r.nextDouble() < cartChance) {
            out.add(new double[] {2});
            out.add(new double[] {3});
        }
        out.add(new double[] {4});
    }

    /** A broken workflow: w.p. {@code broken} the session is login > cart > view > logout (out of order). */
    static void brokenSession(List<double[]> out, double broken, SplittableRandom r) {
        if (r.nextDouble() < broken) {
            out.add(new double[] {0});
            out.add(new double[] {2});
            out.add(new double[] {1});
            out.add(new double[] {4});
        } else {
            session(out, 0.5, 0.3, r);
        }
    }

    static List<Step> run(Monitor m, List<double[]> events, long[] clock) {
        List<Step> steps = new ArrayList<>();
        for (double[] e : events) {
            clock[0] += 10_000;
            Step s = m.update(clock[0], e);
            if (s != null) {
                steps.add(s);
            }
        }
        return steps;
    }

    @Test
    void aBrokenWorkflowAlarmsAndTheExplanationNamesTheBrokenSession() {
        SequenceKsdFactory f = new SequenceKsdMethod().configure(Map.of(), 0.01, PARAMS);
        Monitor m = f.create();
        SplittableRandom r = new SplittableRandom(1);
        long[] clock = {0};
        List<double[]> normal = new ArrayList<>();
        for (int i = 0; i < 100 + 90; i++) {
            session(normal, 0.5, 0.3, r);
        }
        List<Step> calm = run(m, normal, clock);
        assertThat(calm).hasSize(3);
        assertThat(calm.stream().filter(Step::alarm).count()).isLessThanOrEqualTo(1);
        List<double[]> changed = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            brokenSession(changed, 0.3, r);
        }
        List<Step> alarmed = run(m, changed, clock);
        assertThat(alarmed).hasSize(2).allMatch(Step::alarm);
        assertThat(alarmed.get(0).explanation()).containsKeys("worst_session", "mean_length", "reference_mean_length")
                .containsEntry("edits", "all").containsEntry("sessions", "30");
        assertThat(alarmed.get(0).explanation()).containsEntry("worst_session", "login>cart>view>logout");
    }

    @Test
    void gapsAndMaxLengthCloseSessionsAndUnknownTypesAreOther() {
        SequenceKsdFactory f = new SequenceKsdMethod().configure(Map.of(), 0.05, Map.of("alphabet", "a,b",
                "reference-sessions", 10, "window", 5, "max-length", 4, "session-gap-seconds", 60, "bootstrap-draws", 50));
        assertThat(f.typeCode("a")).isEqualTo(0);
        assertThat(f.typeCode("zzz")).isEqualTo(2);
        Monitor m = f.create();
        long t = 0;
        int steps = 0;
        Step last = null;
        // 15 sessions of length 4 (closed by max-length), then 5 of one event each (closed by gaps)
        for (int i = 0; i < 60; i++) {
            Step s = m.update(t += 1000, new double[] {i % 3});
            steps += s == null ? 0 : 1;
            last = s == null ? last : s;
        }
        assertThat(steps).isEqualTo(1);   // sessions 11..15 make the first window
        assertThat(last.explanation()).containsEntry("mean_length", "4.0");
        for (int i = 0; i < 6; i++) {
            Step s = m.update(t += 120_000, new double[] {2});
            last = s == null ? last : s;
        }
        assertThat(last.n()).isEqualTo(66);
        assertThat(last.explanation()).containsEntry("mean_length", "1.0").containsEntry("other_types", "5");
        assertThat(last.alarm()).isTrue();
    }

    @Test
    void configurationErrors() {
        SequenceKsdMethod m = new SequenceKsdMethod();
        assertThatThrownBy(() -> m.configure(Map.of(), 0.05, Map.of())).hasMessageContaining("'alphabet' is required");
        assertThatThrownBy(() -> m.configure(Map.of(), 0.05, Map.of("alphabet", "a,a"))).hasMessageContaining("twice");
        assertThatThrownBy(() -> m.configure(Map.of(), 0.05, Map.of("alphabet", "a,b", "end-type", "c")))
                .hasMessageContaining("end-type");
        assertThat(m.readsEventType()).isTrue();
        assertThat(m.roleNames()).isEmpty();
    }
}
