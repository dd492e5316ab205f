package io.witness.operators.nplm;

import io.witness.operators.monitor.Step;
import org.apache.commons.statistics.distribution.BinomialDistribution;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs keys whose reference and windows come from the same law, and counts window alarms. */
final class NplmLevelRun {

    int windows;
    int alarms;
    int chiSquaredAccepted;
    int keys;
    double dofSum;
    long nanos;

    /** {@code keys} keys, each learning from N(0, I_d) and then testing {@code windowsPerKey} windows. */
    static NplmLevelRun gaussian(Map<String, Object> params, int d, double alpha, int keys, int windowsPerKey,
                                 double shift, long seed) {
        NplmLevelRun r = new NplmLevelRun();
        long t0 = System.nanoTime();
        for (int k = 0; k < keys; k++) {
            Map<String, Object> ps = new HashMap<>(params);
            ps.put("seed", seed * 1000 + k);
            NplmFactory f = NplmMethod.with(d, alpha, ps);
            NplmParameters p = f.parameters();
            List<double[]> events = NplmStreams.concat(
                    NplmStreams.gaussian(p.referenceEvents(), d, 0, 0, seed * 7919 + k),
                    NplmStreams.gaussian(p.slide() * (windowsPerKey - 1) + p.window(), d, shift, 0, seed * 104729 + k));
            r.add(f, events);
        }
        r.nanos = System.nanoTime() - t0;
        return r;
    }

    void add(NplmFactory f, List<double[]> events) {
        NplmModel m = f.create();
        List<Step> steps = NplmStreams.feed(m, events, 0);
        keys++;
        windows += steps.size();
        for (Step s : steps) {
            alarms += s.alarm() ? 1 : 0;
        }
        NplmNullCalibration c = m.calibration() != null ? m.calibration() : f.fileCalibration(f.defaultBackend());
        chiSquaredAccepted += c.chiSquared() ? 1 : 0;
        dofSum += c.dof();
    }

    double rate() {
        return alarms / (double) windows;
    }

    /** The 99.9 % quantile of Binomial(n, α): more alarms than this is a level failure. */
    static int maxAlarms(int n, double alpha) {
        return BinomialDistribution.of(n, alpha).inverseCumulativeProbability(0.999);
    }

    void print(String label) {
        System.out.printf("%s: keys %d, windows %d, alarms %d, rate %.4f, chi2 accepted %d/%d, mean dof %.2f, %.1f s%n",
                label, keys, windows, alarms, rate(), chiSquaredAccepted, keys, dofSum / keys, nanos / 1e9);
    }
}
