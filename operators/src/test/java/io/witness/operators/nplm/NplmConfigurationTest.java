package io.witness.operators.nplm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parameters and reference files: defaults, every accepted format, and errors that name the problem. */
class NplmConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void defaults() {
        NplmParameters p = NplmMethod.with(3, 0.01, Map.of()).parameters();
        assertThat(p.window()).isEqualTo(200);
        assertThat(p.slide()).isEqualTo(200);
        assertThat(p.referenceSize()).isEqualTo(2000);
        assertThat(p.referenceEvents()).isEqualTo(2000);
        assertThat(p.referencePerTest()).isEqualTo(1800);
        assertThat(p.centreCount(2000)).isEqualTo(45);
        assertThat(p.solver().lambda()).isEqualTo(1e-6);
        assertThat(p.solver().newtonSteps()).isEqualTo(1);
        assertThat(p.solver().cgTolerance()).isEqualTo(Math.sqrt(1e-7));
        assertThat(p.solver().knm()).isEqualTo(KnmMode.AUTO);
        assertThat(p.nullToys()).isEqualTo(100);
        assertThat(p.fitLevel()).isEqualTo(0.05);
        assertThat(p.fieldNames()).containsExactly("x[0]", "x[1]", "x[2]");
        assertThat(p.learnt()).isTrue();
        assertThat(Double.isNaN(p.bandwidth())).isTrue();
    }

    @Test
    void errorsNameTheParameter() {
        assertThatThrownBy(() -> NplmMethod.with(1, 0.05, Map.of("windw", 10)))
                .hasMessageContaining("'windw'").hasMessageContaining("unknown");
        assertThatThrownBy(() -> NplmMethod.with(1, 0.05, Map.of("window", 300, "reference-size", 500)))
                .hasMessageContaining("'reference-size'");
        assertThatThrownBy(() -> NplmMethod.with(1, 0.05, Map.of("window", 100, "slide", 101)))
                .hasMessageContaining("'slide'");
        assertThatThrownBy(() -> NplmMethod.with(2, 0.05, Map.of("field-names", "a,b,c")))
                .hasMessageContaining("'field-names'").hasMessageContaining("3").hasMessageContaining("2");
        assertThatThrownBy(() -> NplmMethod.with(1, 0.05, Map.of("bandwidth", -1)))
                .hasMessageContaining("'bandwidth'");
        assertThatThrownBy(() -> NplmMethod.with(1, 0.05, Map.of("knm", "dense")))
                .hasMessageContaining("'knm'");
        assertThatThrownBy(() -> NplmMethod.with(1, 0.05, Map.of("reference", dir.resolve("missing.csv").toString())))
                .hasMessageContaining("'reference'").hasMessageContaining("missing.csv");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String rows(int n, String sep, java.util.function.IntFunction<String> row) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(row.apply(i)).append(sep);
        }
        return sb.toString();
    }

    private ReferenceModel load(Path file, int d, Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>(extra);
        p.put("reference", file.toString());
        p.put("window", 10);
        p.put("reference-size", 50);
        return NplmMethod.with(d, 0.05, p).fileReference();
    }

    @Test
    void csvWithAndWithoutHeader() throws IOException {
        ReferenceModel plain = load(write("a.csv", rows(30, "\n", i -> i + "," + (2 * i))), 2, Map.of("standardise", false));
        assertThat(plain.size()).isEqualTo(30);
        assertThat(plain.pool()[2 * 7 + 1]).isEqualTo(14.0);
        // header with extra columns, picked by name in field-names order
        ReferenceModel named = load(write("b.csv", "time,b,key,a\n" + rows(30, "\n", i -> "1," + (2 * i) + ",k," + i)), 2,
                Map.of("standardise", false, "field-names", "a, b"));
        assertThat(named.pool()).containsExactly(plain.pool());
        assertThatThrownBy(() -> load(write("c.csv", "time,b,key,a\n" + rows(30, "\n", i -> "1,2,k,3")), 2, Map.of()))
                .hasMessageContaining("field-names");
        assertThatThrownBy(() -> load(write("d.csv", rows(30, "\n", i -> i == 12 ? "1,x" : "1,2")), 2, Map.of()))
                .hasMessageContaining("line 13").hasMessageContaining("'x'");
        assertThatThrownBy(() -> load(write("e.csv", rows(30, "\n", i -> i == 3 ? "1,NaN" : "1,2")), 2, Map.of()))
                .hasMessageContaining("line 4").hasMessageContaining("not finite");
    }

    @Test
    void jsonLinesArraysAndEvents() throws IOException {
        ReferenceModel arrays = load(write("a.jsonl", rows(30, "\n", i -> "[" + i + ", " + (2 * i) + ", 1, 2]")), 4,
                Map.of("standardise", false));
        ReferenceModel events = load(write("b.jsonl", rows(30, "\n", i -> "{\"key\":\"k\",\"time\":" + i
                + ",\"fields\":{\"emb\":[1,2],\"b\":" + (2 * i) + ",\"a\":" + i + ",\"note\":\"x\"}}")), 4,
                Map.of("standardise", false, "field-names", "a,b,emb[2]"));
        ReferenceModel flat = load(write("c.jsonl", rows(30, "\n\n", i -> "{\"a\":" + i + ",\"b\":" + (2 * i)
                + ",\"emb\":[1,2]}")), 4, Map.of("standardise", false, "field-names", "a,b,emb[2]"));
        assertThat(events.pool()).containsExactly(arrays.pool());
        assertThat(flat.pool()).containsExactly(arrays.pool());
        assertThatThrownBy(() -> load(write("d.jsonl", rows(30, "\n", i -> "{\"a\":1}")), 1, Map.of()))
                .hasMessageContaining("field-names");
        assertThatThrownBy(() -> load(write("e.jsonl", rows(30, "\n", i -> i == 5 ? "{\"a\":" : "{\"a\":1}")), 1,
                Map.of("field-names", "a"))).hasMessageContaining("line 6").hasMessageContaining("not JSON");
        assertThatThrownBy(() -> load(write("f.jsonl", rows(30, "\n", i -> "{\"a\":[1,2,3]}")), 2,
                Map.of("field-names", "a[2]"))).hasMessageContaining("array of 2");
    }

    @Test
    void largeFilesAreSubsampledAndSmallOnesRefused() throws IOException {
        ReferenceModel big = load(write("big.csv", rows(500, "\n", i -> Integer.toString(i))), 1, Map.of("standardise", false));
        assertThat(big.size()).isEqualTo(50);
        double prev = -1;
        for (int i = 0; i < 50; i++) {
            assertThat(big.pool()[i]).isGreaterThan(prev);   // order kept
            prev = big.pool()[i];
        }
        assertThatThrownBy(() -> load(write("small.csv", rows(19, "\n", i -> Integer.toString(i))), 1, Map.of()))
                .hasMessageContaining("19 events").hasMessageContaining("at least 20");
    }

    @Test
    void standardisationAndBandwidthRule() throws IOException {
        ReferenceModel m = load(write("s.csv", rows(40, "\n", i -> (10 + i % 4) + ",5")), 2, Map.of());
        // field 0: mean 11.5, population sd √1.25; field 1 constant → scale 1
        assertThat(m.mean()).containsExactly(11.5, 5.0);
        assertThat(m.scale()[0]).isEqualTo(Math.sqrt(1.25));
        assertThat(m.scale()[1]).isEqualTo(1.0);
        assertThat(m.sigma() * 10).isEqualTo(Math.rint(m.sigma() * 10));
        assertThat(List.of(load(write("t.csv", rows(40, "\n", i -> i + ",1")), 2, Map.of("bandwidth", 0.7)).sigma()))
                .containsExactly(0.7);
    }
}
