package io.witness.operators.hawkes;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Streaming statistics (spec §A.9) against the batch definitions (§A.4): equal exactly without
 * forgetting, whatever the arrival order within the late window; to rounding with forgetting; and the
 * loss from the statistics equals the direct grid loss.
 */
class StreamingStatisticsTest {
    static final int P = 3;
    static final int L = 7;

    /** Random clustered events of 3 types on bins 0..399 (several per bin, directed lags). */
    static List<long[]> randomEvents(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<long[]> ev = new ArrayList<>();
        for (int k = 0; k < 300; k++) {
            long s = r.nextLong(400);
            int d = r.nextInt(P);
            ev.add(new long[]{d, s});
            if (d == 0 && s + 3 < 400) {
                ev.add(new long[]{1, s + 3});   // type 0 then type 1 three bins later: asymmetric C
            }
        }
        ev.sort((a, b) -> Long.compare(a[1], b[1]));
        return ev;
    }

    static void assertMatches(FadinStatistics st, BatchStatistics batch, double tol) {
        assertThat(st.tPrime()).isCloseTo(batch.tPrime(1.0), within(tol * batch.tPrime(1.0)));
        double[] psi = new double[(L + 1) * (L + 1)];
        for (int j = 0; j < P; j++) {
            assertThat(st.count(j)).isCloseTo(batch.count(j), within(tol * Math.max(1, batch.count(j))));
            for (int tau = 1; tau <= L; tau++) {
                assertThat(st.phiCount(j, tau)).isCloseTo(batch.phiCount(j, tau), within(tol * Math.max(1, batch.phiCount(j, tau))));
                for (int i = 0; i < P; i++) {
                    double want = batch.laggedCross(i, j, tau);
                    assertThat(st.laggedCross(i, j, tau)).as("Φ^(%d)_%d[%d]", i, j, tau)
                            .isCloseTo(want, within(tol * Math.max(1, want)));
                }
            }
            for (int k = 0; k < P; k++) {
                st.psi(j, k, psi);
                for (int tau = 0; tau <= L; tau++) {
                    for (int t2 = 0; t2 <= L; t2++) {
                        double want = batch.psi(j, k, tau, t2);
                        assertThat(psi[tau * (L + 1) + t2]).as("Ψ_%d%d[%d,%d]", j, k, tau, t2)
                                .isCloseTo(want, within(tol * Math.max(1, want)));
                    }
                }
            }
        }
    }

    @Test
    void inOrderStreamEqualsBatchExactly() {
        List<long[]> ev = randomEvents(1);
        HawkesSufficientStats s = new HawkesSufficientStats(P, L, 0, 1.0);
        for (long[] e : ev) {
            assertThat(s.add((int) e[0], e[1])).isTrue();
        }
        long end = 404;   // a few empty bins after the last event
        FadinStatistics st = s.snapshot(end, 1.0);
        assertMatches(st, new BatchStatistics(P, L, s.firstBin(), end, 1.0, ev), 0.0);
    }

    @Test
    void outOfOrderWithinTheLateWindowEqualsBatchExactly() {
        List<long[]> ev = randomEvents(2);
        // arrival order = bin + U(0, 5) jitter: an event arrives at most 5 bins behind the newest
        SplittableRandom r = new SplittableRandom(3);
        List<double[]> keyed = new ArrayList<>();
        for (long[] e : ev) {
            keyed.add(new double[]{e[1] + 5 * r.nextDouble(), e[0], e[1]});
        }
        keyed.sort((a, b) -> Double.compare(a[0], b[0]));
        List<long[]> arrival = new ArrayList<>();
        for (double[] k : keyed) {
            arrival.add(new long[]{(long) k[1], (long) k[2]});
        }
        HawkesSufficientStats s = new HawkesSufficientStats(P, L, 5, 1.0);
        int late = 0;
        long newest = Long.MIN_VALUE;
        for (long[] e : arrival) {
            late += e[1] < newest ? 1 : 0;
            newest = Math.max(newest, e[1]);
            assertThat(s.add((int) e[0], e[1])).isTrue();
        }
        assertThat(late).as("some events arrived out of order").isGreaterThan(20);
        FadinStatistics st = s.snapshot(s.newestBin(), 1.0);
        assertMatches(st, new BatchStatistics(P, L, s.firstBin(), s.newestBin(), 1.0, ev), 0.0);
    }

    @Test
    void tooLateEventsAreRefusedAndChangeNothing() {
        HawkesSufficientStats s = new HawkesSufficientStats(1, 3, 2, 1.0);
        assertThat(s.add(0, 100)).isTrue();
        assertThat(s.add(0, 97)).isFalse();
        assertThat(s.add(0, 98)).isTrue();
        assertThat(s.events()).isEqualTo(2);
    }

    @Test
    void forgettingMatchesTheWeightedBatchDefinitions() {
        List<long[]> ev = randomEvents(4);
        double gamma = 0.97;   // λ·400 ≈ 12: no rebasing (the next test forces it)
        HawkesSufficientStats s = new HawkesSufficientStats(P, L, 0, gamma);
        for (long[] e : ev) {
            s.add((int) e[0], e[1]);
        }
        FadinStatistics st = s.snapshot(401, 1.0);
        assertMatches(st, new BatchStatistics(P, L, s.firstBin(), 401, gamma, ev), 1e-11);
    }

    @Test
    void forgettingSurvivesRebasing() {
        List<long[]> ev = randomEvents(5);
        double gamma = 0.3;   // λ ≈ 1.2 per bin: the weights are rebased every ~166 bins
        HawkesSufficientStats s = new HawkesSufficientStats(P, L, 0, gamma);
        for (long[] e : ev) {
            s.add((int) e[0], e[1]);
        }
        FadinStatistics st = s.snapshot(s.newestBin(), 1.0);
        assertMatches(st, new BatchStatistics(P, L, s.firstBin(), s.newestBin(), gamma, ev), 1e-9);
    }

    @Test
    void lossFromStatisticsEqualsTheDirectGridLoss() {
        List<long[]> ev = randomEvents(6);
        for (double gamma : new double[]{1.0, 0.99}) {
            HawkesSufficientStats s = new HawkesSufficientStats(P, L, 0, gamma);
            for (long[] e : ev) {
                s.add((int) e[0], e[1]);
            }
            double delta = 0.05;
            FadinStatistics st = s.snapshot(s.newestBin() + 2, delta);
            for (KernelFamily fam : KernelFamily.values()) {
                HawkesParameters th = RandomParameters.draw(fam, P, HawkesGrid.of(delta, L * delta), 7);
                FadinLoss loss = new FadinLoss(fam, new HawkesGrid(delta, L));
                loss.prepare(th, st, false);
                double direct = new BatchStatistics(P, L, s.firstBin(), s.newestBin() + 2, gamma, ev)
                        .directLoss(th, loss.kernels(), delta);
                assertThat(loss.value(th, st)).as("%s γ=%s", fam, gamma).isCloseTo(direct, within(1e-12 * Math.abs(direct) + 1e-14));
            }
        }
    }

    @Test
    void addingATypeKeepsTheCountsOfTheOthers() {
        List<long[]> ev = randomEvents(8);
        HawkesSufficientStats grown = new HawkesSufficientStats(1, L, 0, 1.0);
        HawkesSufficientStats full = new HawkesSufficientStats(P, L, 0, 1.0);
        for (long[] e : ev) {
            while (grown.dimension() <= e[0]) {
                grown.addDimension();
            }
            grown.add((int) e[0], e[1]);
            full.add((int) e[0], e[1]);
        }
        FadinStatistics a = grown.snapshot(grown.newestBin(), 1.0);
        assertMatches(a, new BatchStatistics(P, L, full.firstBin(), full.newestBin(), 1.0, ev), 0.0);
    }
}
