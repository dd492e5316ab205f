package io.witness.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.prometheus.client.CollectorRegistry;
import io.witness.jobs.support.TestData;
import io.witness.schemas.DeadLetter;
import io.witness.schemas.DeadLetterReason;

/** Per (monitor, key): events older than the newest minus the allowed lateness, and exact repeats, are dead letters. */
class LateAndDuplicateEventsTest {

    private static MonitorRun run(int dedupeWindow) {
        return new MonitorRun(TestData.config("  allowed-lateness: 10s\n  dedupe-window: " + dedupeWindow + "\n",
                TestData.skitMonitor("m", "t", 40, "60s")));
    }

    private static double count(DeadLetterReason reason) {
        Double v = CollectorRegistry.defaultRegistry.getSampleValue("witness_dead_letters_total",
                new String[] {"reason"}, new String[] {reason.name()});
        return v == null ? 0 : v;
    }

    private static long observations(MonitorRun r) {
        return r.state.monitor() == null ? 0 : r.state.monitor().observations();
    }

    @Test
    void eventBehindTheNewestByMoreThanTheLatenessIsLate() {
        MonitorRun r = run(4);
        double before = count(DeadLetterReason.LATE);

        r.feed("k", 100_000, 0.5, 0.25);
        r.feed("k", 85_000, 1.0, 2.0);      // 15 s behind: late
        r.feed("k", 90_000, 1.5, 2.5);      // exactly the lateness behind: accepted
        r.feed("k", 89_999, 2.0, 3.0);      // 1 ms more: late

        assertThat(r.out.deadLetters).extracting(DeadLetter::getReason)
                .containsExactly(DeadLetterReason.LATE, DeadLetterReason.LATE);
        DeadLetter d = r.out.deadLetters.get(0);
        assertThat(d.getReasonText()).isEqualTo(
                "event time 85000 is 15000 ms behind the newest event of this key (job.allowed-lateness = 10000 ms)");
        assertThat(d.getMonitor()).isEqualTo("m");
        assertThat(d.getKey()).isEqualTo("k");
        assertThat(d.getTopic()).isEqualTo("t");
        assertThat(d.getPartition()).isEqualTo(1);
        assertThat(d.getOffset()).isEqualTo(1L);
        // the JSON of the Event record the monitor saw (every schema field, in schema order)
        assertThat(d.getPayload())
                .isEqualTo("{\"key\":\"k\",\"time\":85000,\"fields\":{\"x\":1.0,\"y\":2.0},\"type\":null,\"source\":null}");
        assertThat(r.out.deadLetterTopics).containsOnly("witness.dead-letters");
        assertThat(observations(r)).as("late events never reach the model").isEqualTo(2);
        assertThat(count(DeadLetterReason.LATE) - before).isEqualTo(2.0);
    }

    @Test
    void exactRepeatWithinTheWindowIsDuplicate() {
        MonitorRun r = run(4);
        double before = count(DeadLetterReason.DUPLICATE);

        r.feed("k", 1_000, 0.5, 0.25);
        r.feed("k", 1_000, 0.5, 0.25);      // same time and values: duplicate
        r.feed("k", 1_000, 0.5, 0.26);      // same time, other values: a different event
        r.feed("k", 2_000, 0.5, 0.25);      // same values, other time: a different event

        assertThat(r.out.deadLetters).hasSize(1);
        DeadLetter d = r.out.deadLetters.get(0);
        assertThat(d.getReason()).isEqualTo(DeadLetterReason.DUPLICATE);
        assertThat(d.getReasonText()).isEqualTo("same event time and values as one of the last 4 events of this key");
        assertThat(d.getOffset()).isEqualTo(1L);
        assertThat(observations(r)).isEqualTo(3);
        assertThat(count(DeadLetterReason.DUPLICATE) - before).isEqualTo(1.0);
    }

    @Test
    void duplicateWindowIsBounded() {
        MonitorRun r = run(4);

        r.feed("k", 1_000, 0.0, 0.0);
        for (int i = 1; i <= 4; i++) {
            r.feed("k", 1_000 + i, i, i);   // four newer events push the first one out of the window
        }
        r.feed("k", 1_004, 4.0, 4.0);       // still in the window: duplicate
        r.feed("k", 1_000, 0.0, 0.0);       // forgotten: accepted again

        assertThat(r.out.deadLetters).extracting(DeadLetter::getReason).containsExactly(DeadLetterReason.DUPLICATE);
        assertThat(r.out.deadLetters.get(0).getOffset()).isEqualTo(5L);
        assertThat(observations(r)).isEqualTo(6);
    }

    @Test
    void windowZeroTurnsDuplicateDetectionOff() {
        MonitorRun r = run(0);

        r.feed("k", 1_000, 0.5, 0.25);
        r.feed("k", 1_000, 0.5, 0.25);

        assertThat(r.out.deadLetters).isEmpty();
        assertThat(observations(r)).isEqualTo(2);
    }
}
