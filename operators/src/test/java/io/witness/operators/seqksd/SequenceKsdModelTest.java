package io.witness.operators.seqksd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import static io.witness.operators.monitor.ExplanationValue.names;
import static io.witness.operators.monitor.ExplanationValue.text;
import static io.witness.operators.monitor.ExplanationValue.number;
import static io.witness.operators.monitor.ExplanationValue.integer;

/** sequence-ksd as a key sees it: sessions by end type and by gap, reference fit, windows, a changed workflow. */
class SequenceKsdModelTest {

    static final Map<String, Object> PARAMS = Map.of("alphabet", "login,view,cart,buy,logout", "end-type", "logout",
            "reference-sessions", 100, "window", 30, "bootstrap-draws", 300, "session-gap-seconds", 600);
    /** The method reads no numeric fields: the streaming layer passes an empty vector. */
    static final double[] NO_FIELDS = new double[0];
    /** Two types of the alphabet "a,b" and one outside it. */
    static final String[] AB_OTHER = {"a", "b", "c"};

    /**
     * A shop session: login, then views (each followed by another view w.p. {@code loop}), then either
     * cart → buy or straight to logout; {@code cartChance} is the probability of the cart path.
     */
    static void session(List<String> out, double loop, double cartChance, SplittableRandom r) {
        out.add("login");
        do {
            out.add("view");
        } while (r.nextDouble() < loop);
        if (r.nextDouble() < cartChance) {
            out.add("cart");
            out.add("buy");
        }
        out.add("logout");
    }

    /** A broken workflow: w.p. {@code broken} the session is login > cart > view > logout (out of order). */
    static void brokenSession(List<String> out, double broken, SplittableRandom r) {
        if (r.nextDouble() < broken) {
            out.add("login");
            out.add("cart");
            out.add("view");
            out.add("logout");
        } else {
            session(out, 0.5, 0.3, r);
        }
    }

    static List<Step> run(Model m, List<String> events, long[] clock) {
        List<Step> steps = new ArrayList<>();
        for (String type : events) {
            clock[0] += 10_000;
            Step s = m.update(clock[0], type, NO_FIELDS);
            if (s != null) {
                steps.add(s);
            }
        }
        return steps;
    }

    @Test
    void aBrokenWorkflowAlarmsAndTheExplanationNamesTheBrokenSession() {
        SequenceKsdFactory f = new SequenceKsdMethod().configure(Map.of(), 0.01, PARAMS);
        Model m = f.create();
        SplittableRandom r = new SplittableRandom(1);
        long[] clock = {0};
        List<String> normal = new ArrayList<>();
        for (int i = 0; i < 100 + 90; i++) {
            session(normal, 0.5, 0.3, r);
        }
        List<Step> calm = run(m, normal, clock);
        assertThat(calm).hasSize(3);
        assertThat(calm.stream().filter(Step::alarm).count()).isLessThanOrEqualTo(1);
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            brokenSession(changed, 0.3, r);
        }
        List<Step> alarmed = run(m, changed, clock);
        assertThat(alarmed).hasSize(2).allMatch(Step::alarm);
        assertThat(alarmed.get(0).explanation()).containsKeys("worst_session", "mean_length", "reference_mean_length")
                .containsEntry("edits", text("all")).containsEntry("sessions", integer(30));
        assertThat(alarmed.get(0).explanation()).containsEntry("worst_session", names(List.of("login", "cart", "view", "logout")));
    }

    @Test
    void gapsAndMaxLengthCloseSessionsAndUnknownTypesAreOther() {
        SequenceKsdFactory f = new SequenceKsdMethod().configure(Map.of(), 0.05, Map.of("alphabet", "a,b",
                "reference-sessions", 10, "window", 5, "max-length", 4, "session-gap-seconds", 60, "bootstrap-draws", 50));
        assertThat(f.symbol("a")).isEqualTo(0);
        assertThat(f.symbol("zzz")).isEqualTo(2);
        assertThat(f.symbol(null)).isEqualTo(2);
        Model m = f.create();
        long t = 0;
        int steps = 0;
        Step last = null;
        // 15 sessions of length 4 (closed by max-length), then 5 of one event each (closed by gaps)
        for (int i = 0; i < 60; i++) {
            Step s = m.update(t += 1000, AB_OTHER[i % 3], NO_FIELDS);
            steps += s == null ? 0 : 1;
            last = s == null ? last : s;
        }
        assertThat(steps).isEqualTo(1);   // sessions 11..15 make the first window
        assertThat(last.explanation()).containsEntry("mean_length", number(4.0));
        for (int i = 0; i < 6; i++) {
            Step s = m.update(t += 120_000, "zzz", NO_FIELDS);
            last = s == null ? last : s;
        }
        assertThat(last.n()).isEqualTo(66);
        assertThat(last.explanation()).containsEntry("mean_length", number(1.0)).containsEntry("other_types", integer(5));
        assertThat(last.alarm()).isTrue();
    }

    @Test
    void configurationErrors() {
        SequenceKsdMethod m = new SequenceKsdMethod();
        assertThatThrownBy(() -> m.configure(Map.of(), 0.05, Map.of())).hasMessageContaining("'alphabet' is required");
        assertThatThrownBy(() -> m.configure(Map.of(), 0.05, Map.of("alphabet", "a,a"))).hasMessageContaining("twice");
        assertThatThrownBy(() -> m.configure(Map.of(), 0.05, Map.of("alphabet", "a,b", "end-type", "c")))
                .hasMessageContaining("end-type");
        assertThat(m.usesEventType()).isTrue();
        assertThat(m.roleNames()).isEmpty();
    }
}
