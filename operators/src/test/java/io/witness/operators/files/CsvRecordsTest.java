package io.witness.operators.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** RFC 4180 records: quoted commas, quoted line breaks, doubled quotes, and one bad record costing only itself. */
class CsvRecordsTest {

    private static List<String> records(String text) throws IOException {
        return records(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> records(byte[] bytes) throws IOException {
        List<String> out = new ArrayList<>();
        try (CsvRecords r = new CsvRecords(new LineReader(new ByteArrayInputStream(bytes)))) {
            byte[] rec;
            while ((rec = r.next()) != null) {
                out.add(r.firstLine() + (r.unterminated() ? "!" : ":") + new String(rec, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void quotedCommasNewlinesAndEscapedQuotes() throws Exception {
        assertThat(CsvRecords.cells("a,\"b,c\",d")).containsExactly("a", "b,c", "d");
        assertThat(CsvRecords.cells("\"say \"\"hi\"\"\",2")).containsExactly("say \"hi\"", "2");
        assertThat(CsvRecords.cells("1,,3,")).containsExactly("1", "", "3", "");
        assertThat(CsvRecords.cells("\"\"")).containsExactly("");
        List<String> recs = records("time,key\r\n1,\"two\nlines, and \"\"quotes\"\"\"\n2,b\n");
        assertThat(recs).containsExactly("1:time,key", "2:1,\"two\nlines, and \"\"quotes\"\"\"", "4:2,b");
        assertThat(CsvRecords.cells(recs.get(1).substring(2))).containsExactly("1", "two\nlines, and \"quotes\"");
    }

    @Test
    void anUnclosedQuoteRunsToTheEndAndIsFlagged() throws IOException {
        assertThat(records("a,b\n1,\"open\n2,b\n")).containsExactly("1:a,b", "2!1,\"open\n2,b");
    }

    @Test
    void byteOrderMarkAndBadUtf8() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', '\n', (byte) 0xC3, '\n', 'b'};
        assertThat(records(bom)).hasSize(3).first().isEqualTo("1:a");
        assertThatThrownBy(() -> CsvRecords.cells(new byte[] {(byte) 0xC3})).isInstanceOf(CsvException.class)
                .hasMessage("not valid UTF-8");
    }

    @Test
    void errorsCarryNoParserInternals() {
        assertThatThrownBy(() -> CsvRecords.cells("\"a\"b,c")).isInstanceOf(CsvException.class)
                .hasMessageStartingWith("not CSV: ").hasMessageNotContaining("Source").hasMessageNotContaining("line:");
    }
}
