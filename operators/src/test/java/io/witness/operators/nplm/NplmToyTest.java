package io.witness.operators.nplm;

import static org.assertj.core.api.Assertions.assertThat;

import io.witness.operators.compute.Precision;
import io.witness.operators.compute.cpu.CpuBackend;
import org.junit.jupiter.api.Test;

/**
 * Fast §C.8.2: the spec's configuration with 12 null toys and 6 toys of signal S3 (the full table is
 * {@link NplmToyLongTest}). The null median must be within 3 combined s.e. of 6.88, and S3's median t
 * above the spec's null 95 % quantile 13.97.
 */
class NplmToyTest {

    @Test
    void nullMedianAndSignalSeparation() {
        try (CpuBackend cpu = new CpuBackend(2, Precision.DOUBLE)) {
            ExponentialToy toy = ExponentialToy.spec();
            double[] nul = ToyTable.sorted(toy.ts(cpu, ExponentialToy.Signal.NONE, 12, 300_000));
            double[] s3 = ToyTable.sorted(toy.ts(cpu, ExponentialToy.Signal.S3, 6, 400_000));
            double median = ChiSquaredDofFit.median(nul);
            double s3Median = ChiSquaredDofFit.median(s3);
            System.out.printf("NPLM-TOY fast: null median %.2f [6.88 ± %.2f], S3 median %.1f [> 13.97]%n", median,
                    ToyTable.medianTolerance(12), s3Median);
            assertThat(Math.abs(median - 6.88)).isLessThanOrEqualTo(ToyTable.medianTolerance(12));
            assertThat(s3Median).isGreaterThan(13.97);
        }
    }
}
