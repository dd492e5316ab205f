package io.witness.operators.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.witness.operators.kernel.GaussianKernel;
import io.witness.operators.kernel.Kernel;
import io.witness.operators.kernel.Matern52Kernel;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The incremental GP (rank-1 Cholesky growth, slot overwrite, deletion) equals the batch GP to 1e-9 (spec §B.4). */
class ExactGpTest {
    private static final int D = 3;

    /** A mirror of what the GP should hold: inputs and rewards in slot order. */
    private static final class Mirror {
        final List<double[]> xs = new ArrayList<>();
        final List<Double> ys = new ArrayList<>();

        double[] flatX() {
            double[] out = new double[xs.size() * D];
            for (int i = 0; i < xs.size(); i++) {
                System.arraycopy(xs.get(i), 0, out, i * D, D);
            }
            return out;
        }

        double[] flatY() {
            return ys.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    private static double[] point(SplittableRandom r) {
        return new double[] {r.nextDouble(-2, 2), r.nextDouble(-2, 2), r.nextDouble(-2, 2)};
    }

    private static void assertMatchesBatch(ExactGp gp, Mirror mirror, Kernel k, double lambda, SplittableRandom r) {
        assertThat(gp.size()).isEqualTo(mirror.xs.size());
        for (int probe = 0; probe < 5; probe++) {
            double[] x = point(r);
            ExactGp.Posterior p = gp.posterior(x, 0);
            GpReference ref = GpReference.at(k, mirror.flatX(), mirror.flatY(), mirror.xs.size(), D, lambda, x, 0);
            assertThat(p.mean()).isCloseTo(ref.mean, within(1e-9));
            assertThat(p.variance()).isCloseTo(Math.max(0, ref.variance), within(1e-9));
        }
        assertThat(gp.informationGain())
                .isCloseTo(GpReference.informationGain(k, mirror.flatX(), mirror.xs.size(), D, lambda), within(1e-9));
    }

    @Test
    void appendsOverwritesAndDeletionsEqualTheBatchPosterior() {
        for (Kernel k : new Kernel[] {new GaussianKernel(0.8), new Matern52Kernel(1.3)}) {
            double lambda = 0.05;
            SplittableRandom r = new SplittableRandom(11);
            ExactGp gp = new ExactGp(k, D, lambda);
            Mirror mirror = new Mirror();
            long ticket = 0;
            for (int step = 0; step < 120; step++) {
                int op = r.nextInt(10);
                if (op < 6 || gp.size() < 3) {
                    double[] x = point(r);
                    double y = Math.sin(x[0]) + r.nextGaussian() * 0.1;
                    gp.add(x, 0, y, ticket++);
                    mirror.xs.add(x);
                    mirror.ys.add(y);
                } else if (op < 8) {
                    int slot = r.nextInt(gp.size());
                    double y = r.nextGaussian();
                    gp.setY(slot, y);
                    mirror.ys.set(slot, y);
                } else {
                    int slot = r.nextInt(gp.size());
                    gp.remove(slot);
                    mirror.xs.remove(slot);
                    mirror.ys.remove(slot);
                }
                if (step % 10 == 9) {
                    assertMatchesBatch(gp, mirror, k, lambda, r);
                }
            }
        }
    }

    @Test
    void repeatedPointsStayFiniteAndExact() {
        Kernel k = new GaussianKernel(1.0);
        double lambda = 4e-4;   // the §B.3 noise variance: near-singular when points repeat
        ExactGp gp = new ExactGp(k, D, lambda);
        Mirror mirror = new Mirror();
        double[] x = {0.1, 0.2, 0.3};
        for (int i = 0; i < 30; i++) {
            gp.add(x, 0, 1.0 + 0.01 * i, i);
            mirror.xs.add(x);
            mirror.ys.add(1.0 + 0.01 * i);
        }
        assertMatchesBatch(gp, mirror, k, lambda, new SplittableRandom(3));
        assertThat(gp.posterior(x, 0).variance()).isGreaterThanOrEqualTo(0).isLessThan(lambda / 29);
    }

    @Test
    void ticketsFindTheirSlotAfterDeletions() {
        ExactGp gp = new ExactGp(new GaussianKernel(1.0), D, 0.1);
        SplittableRandom r = new SplittableRandom(5);
        for (long t = 0; t < 10; t++) {
            gp.add(point(r), 0, 0.0, 100 + t);
        }
        gp.remove(0);
        gp.remove(gp.slotOf(105));
        assertThat(gp.slotOf(100)).isEqualTo(-1);
        assertThat(gp.slotOf(105)).isEqualTo(-1);
        assertThat(gp.slotOf(101)).isEqualTo(0);
        assertThat(gp.slotOf(106)).isEqualTo(4);
        assertThat(gp.slotOf(109)).isEqualTo(7);
    }

    @Test
    void stateRoundTripKeepsThePosteriorBitForBit() throws Exception {
        Kernel k = new GaussianKernel(1.0);
        ExactGp gp = new ExactGp(k, D, 0.1);
        SplittableRandom r = new SplittableRandom(8);
        for (long t = 0; t < 20; t++) {
            gp.add(point(r), 0, r.nextGaussian(), t);
        }
        StateOutput out = new StateOutput(gp.stateBytes());
        gp.write(out);
        assertThat(out.size()).isEqualTo(gp.stateBytes()).isEqualTo(4 + 8 * (20 * 21 / 2) + 8 * 20 * (D + 3));
        ExactGp back = ExactGp.read(new StateInput(out.toByteArray()), k, D, 0.1, 64);
        double[] x = point(r);
        assertThat(back.posterior(x, 0).mean()).isEqualTo(gp.posterior(x, 0).mean());
        assertThat(back.posterior(x, 0).variance()).isEqualTo(gp.posterior(x, 0).variance());
    }
}
