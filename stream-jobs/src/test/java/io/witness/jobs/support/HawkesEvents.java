package io.witness.jobs.support;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Typed error events of one cluster for the Hawkes tests: "api" errors (Poisson 0.3/s) and "db" errors
 * (Poisson 0.1/s); with {@code cascadeFrom} set, every api error after it triggers a db error 4–6 s later
 * with probability 0.8. Events of one type never share a millisecond (the job's de-duplication would
 * drop the second).
 */
public final class HawkesEvents {
    private HawkesEvents() {
    }

    public record Ev(long time, String key, String type) {
        public String json() {
            return String.format(Locale.ROOT, "{\"key\":\"%s\",\"time\":%d,\"type\":\"%s\"}", key, time, type);
        }
    }

    public static List<Ev> cluster(String key, long start, long lengthMillis, long cascadeFrom, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Ev> out = new ArrayList<>();
        for (double t = 0; ; ) {
            t += -Math.log(1 - r.nextDouble()) / 0.3;
            if (t * 1000 > lengthMillis) {
                break;
            }
            long ms = start + Math.round(t * 1000);
            out.add(new Ev(ms, key, "api"));
            if (ms > cascadeFrom && r.nextDouble() < 0.8) {
                out.add(new Ev(ms + 4000 + r.nextInt(2000), key, "db"));
            }
        }
        for (double t = 0; ; ) {
            t += -Math.log(1 - r.nextDouble()) / 0.1;
            if (t * 1000 > lengthMillis) {
                break;
            }
            out.add(new Ev(start + Math.round(t * 1000), key, "db"));
        }
        out.sort((x, y) -> Long.compare(x.time(), y.time()));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < out.size(); i++) {
            Ev e = out.get(i);
            while (!seen.add(e.type() + e.time())) {
                e = new Ev(e.time() + 1, e.key(), e.type());
            }
            out.set(i, e);
        }
        out.sort((x, y) -> Long.compare(x.time(), y.time()));
        return out;
    }
}
