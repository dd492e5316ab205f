package io.witness.operators.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.witness.operators.files.ReferenceSample.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One reference format for every method: CSV (RFC 4180) or JSON lines, recognised by content. */
class ReferenceSampleTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void quotedHeaderCellsAndCommentsInCsv() throws IOException {
        Path f = write("ref.txt", "# exported 2026-12-07\n\"note, free text\",cpu,\"mem\"\n"
                + "\"a \"\"quoted\"\"\nnote\",1.5,2\n\n\"x\",3,4\n");
        ReferenceSample.Rows rows = ReferenceSample.read(f, 2, List.of(new Field("cpu", 1, false), new Field("mem", 1, false)),
                "field-names", 100);
        assertThat(rows.count()).isEqualTo(2);
        assertThat(rows.values()).containsExactly(1.5, 2, 3, 4);
    }

    @Test
    void jsonLinesAreRecognisedByContentWhateverTheName() throws IOException {
        Path f = write("ref.csv", "\n{\"key\":\"k\",\"time\":1,\"fields\":{\"emb\":[1,2],\"note\":\"say \\\"hi\",\"a\":3}}\n[4,5,6]\n");
        ReferenceSample.Rows rows = ReferenceSample.read(f, 3, List.of(new Field("a", 1, false), new Field("emb", 2, true)),
                null, 100);
        assertThat(rows.values()).containsExactly(3, 1, 2, 4, 5, 6);
    }

    @Test
    void errorsNameTheFileAndLine() throws IOException {
        Path bad = write("bad.csv", "1,2\n3,\"4\n");
        assertThatThrownBy(() -> ReferenceSample.read(bad, 2, null, null, 100))
                .hasMessage(bad + " line 2: a quoted cell is not closed");
        Path json = write("bad.jsonl", "[1]\n[2\n");
        assertThatThrownBy(() -> ReferenceSample.read(json, 1, null, null, 100))
                .hasMessage(json + " line 2: not JSON: Unexpected end-of-input: expected close marker for Array "
                        + "(start marker at column 1) (column 3)");
        Path many = write("many.csv", "1\n2\n3\n");
        assertThatThrownBy(() -> ReferenceSample.read(many, 1, null, null, 2)).hasMessage(many + " line 3: more than 2 rows");
        Path header = write("h.csv", "a,b,c\n1,2,3\n");
        assertThatThrownBy(() -> ReferenceSample.read(header, 2, null, "field-names", 100))
                .hasMessage(header + " line 1: the header has 3 columns but the monitor has 2 fields; "
                        + "set 'field-names' to choose the columns");
        assertThatThrownBy(() -> ReferenceSample.read(dir.resolve("none.csv"), 1, null, null, 100))
                .hasMessage("cannot read " + dir.resolve("none.csv") + ": no such file");
    }
}
