package io.witness.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.prometheus.client.CollectorRegistry;
import io.witness.jobs.config.ConfigException;
import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.EventTimeRange;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.support.TestData;
import io.witness.jobs.support.TestData.Collected;
import io.witness.schemas.DeadLetter;
import io.witness.schemas.DeadLetterReason;

/**
 * Absurd event times (before 1970, centuries ahead) are TIME_OUT_OF_RANGE dead letters and never move a
 * key's clock; and the lateness arithmetic saturates where the bounds are widened to every long.
 */
class EventTimeRangeTest {
    private static final String MONITOR = TestData.skitMonitor("m", "t", 40, "60s");

    private static double count(DeadLetterReason reason) {
        Double v = CollectorRegistry.defaultRegistry.getSampleValue("witness_dead_letters_total",
                new String[] {"reason"}, new String[] {reason.name()});
        return v == null ? 0 : v;
    }

    /** Routes JSON lines of key k through decode + validate and the monitor, as the job does. */
    private static Collected run(WitnessConfig config, long... times) {
        InputRouter router = new InputRouter(config, false);
        KeyedMonitorProcessor p = new KeyedMonitorProcessor(BoundMonitor.bind(config.monitors().get(0)), config.job());
        KeyedState st = KeyedState.fresh();
        Collected out = new Collected();
        List<MonitorInput> inputs = new ArrayList<>();
        long offset = 0;
        for (long t : times) {
            byte[] json = ("{\"key\":\"k\",\"time\":" + t + ",\"fields\":{\"x\":" + (offset % 7) + ",\"y\":"
                    + (offset % 5) + "}}").getBytes(StandardCharsets.UTF_8);
            router.route(new RawRecord("t", 0, offset++, json), inputs::add, out);
        }
        inputs.forEach(in -> p.process(st, in, out));
        return out;
    }

    @Test
    void defaultsAreTheEpochAndTheYear2200() {
        EventTimeRange r = TestData.config(null, MONITOR).job().eventTimes();

        assertThat(r).isEqualTo(EventTimeRange.defaults());
        assertThat(EventTimeRange.format(r.minMillis())).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(EventTimeRange.format(r.maxMillis())).isEqualTo("2200-01-01T00:00:00Z");
        assertThat(r.contains(0)).isTrue();
        assertThat(r.contains(-1)).isFalse();
        assertThat(r.contains(r.maxMillis())).isTrue();
        assertThat(r.contains(r.maxMillis() + 1)).isFalse();
    }

    @Test
    void absurdTimesAreDeadLettersOfTheirOwnAndLaterGoodEventsAreNotLate() {
        double before = count(DeadLetterReason.TIME_OUT_OF_RANGE);
        long t0 = 1_700_000_000_000L;

        Collected out = run(TestData.config(null, MONITOR), t0, Long.MIN_VALUE + 1, -1, t0 * 1000, Long.MAX_VALUE,
                t0 + 1000, t0 + 2000, t0 + 3000);

        assertThat(out.deadLetters).extracting(DeadLetter::getReason).containsOnly(DeadLetterReason.TIME_OUT_OF_RANGE)
                .hasSize(4);
        assertThat(out.deadLetters.get(0).getReasonText()).isEqualTo("event time -9223372036854775807 "
                + "(-292275055-05-16T16:47:04.193Z) is outside job.event-time-min .. job.event-time-max "
                + "[1970-01-01T00:00:00Z, 2200-01-01T00:00:00Z]");
        assertThat(out.deadLetters.get(2).getReasonText()).startsWith("event time 1700000000000000 (+55840-11-08T22:13:20Z)");
        assertThat(out.deadLetters.get(0).getKey()).isEqualTo("k");
        assertThat(out.deadLetters.get(0).getMonitor()).isEqualTo("m");
        assertThat(count(DeadLetterReason.TIME_OUT_OF_RANGE) - before).isEqualTo(4.0);
    }

    @Test
    void boundsAreConfigurable() {
        WitnessConfig c = TestData.config("  event-time-min: 2020-01-01T00:00:00Z\n  event-time-max: 1893456000000\n", MONITOR);

        assertThat(c.job().eventTimes()).isEqualTo(new EventTimeRange(1_577_836_800_000L, 1_893_456_000_000L));
        Collected out = run(c, 1_577_836_799_999L, 1_577_836_800_000L, 1_893_456_000_000L, 1_893_456_000_001L);
        assertThat(out.deadLetters).extracting(d -> d.getOffset()).containsExactly(0L, 3L);
    }

    @Test
    void badBoundsAreOneLineConfigErrors() {
        assertThatThrownBy(() -> ConfigLoader.parse("job: {event-time-min: yesterday}\nmonitors:\n" + MONITOR))
                .isInstanceOf(ConfigException.class).hasMessageContaining("job: field 'event-time-min'")
                .hasMessageContaining("must be epoch milliseconds or an ISO-8601 instant");
        assertThatThrownBy(() -> ConfigLoader.parse("job: {event-time-min: 2300-01-01T00:00:00Z}\nmonitors:\n" + MONITOR))
                .isInstanceOf(ConfigException.class).hasMessageContaining("job: field 'event-time-max'")
                .hasMessageContaining("is after event-time-max");
    }

    @Test
    void latenessArithmeticSaturatesNearTheEndsOfTheLongRange() {
        // the bounds widened to every long: an event near Long.MIN_VALUE is admitted and becomes the newest
        // time of its key; newest - lateness once wrapped around to a huge positive number, so that every
        // later, newer event was LATE ("... 9223370269629175809 ms behind")
        WitnessConfig c = TestData.config("  allowed-lateness: 10s\n  event-time-min: " + Long.MIN_VALUE
                + "\n  event-time-max: " + Long.MAX_VALUE + "\n", MONITOR);

        Collected out = run(c, Long.MIN_VALUE + 5, 1_700_000_000_000L, 1_700_000_001_000L, Long.MAX_VALUE, 0);

        assertThat(out.deadLetters).as("only the event far behind Long.MAX_VALUE is late").hasSize(1);
        assertThat(out.deadLetters.get(0).getReason()).isEqualTo(DeadLetterReason.LATE);
        assertThat(out.deadLetters.get(0).getReasonText()).startsWith("event time 0 is 9223372036854775807 ms behind");
        assertThat(KeyedMonitorProcessor.minusSaturated(Long.MIN_VALUE + 5, 10_000)).isEqualTo(Long.MIN_VALUE);
        assertThat(KeyedMonitorProcessor.minusSaturated(Long.MAX_VALUE, -1)).isEqualTo(Long.MAX_VALUE);
        assertThat(KeyedMonitorProcessor.minusSaturated(Long.MAX_VALUE, Long.MIN_VALUE + 5)).isEqualTo(Long.MAX_VALUE);
        assertThat(KeyedMonitorProcessor.minusSaturated(-3, 4)).isEqualTo(-7);
    }
}
