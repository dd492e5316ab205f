package io.witness.operators.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

class LineReaderTest {

    @Test
    void linesEndAtLfCrLfOrCrAndAreNumbered() throws IOException {
        LineReader in = new LineReader(new ByteArrayInputStream("a\r\nb\rc\n\nd".getBytes(StandardCharsets.UTF_8)));
        List<String> lines = new ArrayList<>();
        byte[] line;
        while ((line = in.next()) != null) {
            lines.add(in.lineNumber() + ":" + new String(line, StandardCharsets.UTF_8));
        }

        assertThat(lines).containsExactly("1:a", "2:b", "3:c", "4:", "5:d");
    }
}
