package io.witness.operators.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The one CSV reader of the project (replay events, {@code replay --scores} series, reference files):
 * RFC 4180 — comma-separated cells, cells in double quotes may hold commas, line breaks and doubled
 * quotes ({@code ""}). Cells are parsed by jackson-dataformat-csv; this class only finds where a record
 * ends (at a line break outside quotes: the quote count of its lines is even, and a quote byte never
 * occurs inside a multi-byte UTF-8 sequence), so each record is decoded and parsed on its own and a
 * bad one (not UTF-8, a quote never closed) costs that record only.
 */
public final class CsvRecords implements Closeable {

    /** A quoted cell still open after this many bytes ends its record as unterminated. */
    public static final int MAX_RECORD_BYTES = 1 << 20;

    private static final ObjectReader CELLS = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .disable(CsvParser.Feature.ALLOW_TRAILING_COMMA)
            .build()
            .readerFor(String[].class)
            .with(CsvSchema.emptySchema());

    private final LineReader lines;
    private long firstLine;
    private boolean unterminated;

    public CsvRecords(LineReader lines) {
        this.lines = lines;
    }

    /**
     * The next record's bytes (line breaks inside quotes kept as {@code \n}), or null at the end of the
     * input. Blank lines are records too (callers skip them).
     */
    public byte[] next() throws IOException {
        byte[] line = lines.next();
        if (line == null) {
            return null;
        }
        firstLine = lines.lineNumber();
        unterminated = false;
        if (quotes(line) % 2 == 0) {
            return line;
        }
        ByteArrayOutputStream record = new ByteArrayOutputStream(2 * line.length);
        record.writeBytes(line);
        long open = 1;
        while (open % 2 != 0) {
            byte[] more = record.size() > MAX_RECORD_BYTES ? null : lines.next();
            if (more == null) {
                unterminated = true;
                break;
            }
            record.write('\n');
            record.writeBytes(more);
            open += quotes(more);
        }
        return record.toByteArray();
    }

    /** The line (from 1) on which the record {@link #next} returned last begins. */
    public long firstLine() {
        return firstLine;
    }

    /** The record {@link #next} returned last ends inside a quoted cell (end of input, or too long). */
    public boolean unterminated() {
        return unterminated;
    }

    /** The record's cells, parsed as RFC 4180; UTF-8 is checked first. */
    public static List<String> cells(byte[] record) throws CsvException {
        return cells(utf8(record));
    }

    /** The cells of one record's text. Errors are one line without parser internals. */
    public static List<String> cells(String record) throws CsvException {
        try {
            try (MappingIterator<String[]> rows = CELLS.readValues(record)) {
                return rows.hasNextValue() ? Arrays.asList(rows.nextValue()) : List.of("");
            }
        } catch (JsonProcessingException e) {
            throw new CsvException("not CSV: " + ParseErrors.describe(e));
        } catch (IOException e) {
            throw new CsvException("not CSV: " + e.getMessage());
        }
    }

    /** Strict UTF-8 (malformed or unmappable bytes are an error, not U+FFFD). */
    public static String utf8(byte[] bytes) throws CsvException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CsvException("not valid UTF-8");
        }
    }

    private static int quotes(byte[] line) {
        int n = 0;
        for (byte b : line) {
            if (b == '"') {
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
