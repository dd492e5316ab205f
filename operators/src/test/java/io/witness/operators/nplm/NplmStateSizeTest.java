package io.witness.operators.nplm;

import static org.assertj.core.api.Assertions.assertThat;

import io.witness.operators.compute.Precision;
import io.witness.operators.compute.cpu.CpuBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Per-key state sizes at the defaults (d = 2; window 200, P = 2 000, 100 toys, M = 45), exactly as the
 * README states them: learning, a learnt reference with its calibration, and a file reference.
 */
class NplmStateSizeTest {

    @TempDir
    Path dir;

    @Test
    void defaultsD2() throws IOException {
        try (CpuBackend cpu = new CpuBackend(2, Precision.DOUBLE)) {
            NplmFactory f = NplmMethod.with(2, 0.05, Map.of());
            NplmModel m = f.create();
            List<double[]> ev = NplmStreams.gaussian(2000 + 200, 2, 0, 0, 1);
            int learning = 0;
            for (int i = 0; i < ev.size(); i++) {
                m.update(i, ev.get(i), cpu, null);
                if (i == 1998) {
                    learning = m.stateBytes();
                }
            }
            int learnt = m.stateBytes();

            Path csv = dir.resolve("ref.csv");
            StringBuilder sb = new StringBuilder();
            for (double[] v : ev.subList(0, 2000)) {
                sb.append(v[0]).append(',').append(v[1]).append('\n');
            }
            Files.writeString(csv, sb);
            NplmFactory ff = NplmMethod.with(2, 0.05, Map.of("reference", csv.toString()));
            NplmModel fm = ff.create();
            for (int i = 0; i < 200; i++) {
                fm.update(i, ev.get(2000 + i), cpu, null);
            }
            int file = fm.stateBytes();
            System.out.printf("NPLM-STATE d=2 defaults: learning (1 999 events) %d, learnt reference %d (max %d), "
                    + "file reference %d (max %d)%n", learning, learnt, f.maxStateBytes(), file, ff.maxStateBytes());
            assertThat(learning).isEqualTo(30 + 4 + 8 * 2 * 1999);
            assertThat(learnt).isEqualTo(30 + (12 + 32 + 32_000) + (4 + 800 + 25) + (8 + 200 * 24) + (4 + 45 * 24));
            assertThat(learnt).isEqualTo(38_795).isEqualTo(f.maxStateBytes());
            assertThat(file).isEqualTo(30 + 8 + (8 + 200 * 24) + (4 + 45 * 24)).isEqualTo(5_930)
                    .isEqualTo(ff.maxStateBytes());
        }
    }
}
