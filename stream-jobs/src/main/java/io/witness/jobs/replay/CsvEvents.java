package io.witness.jobs.replay;

import io.witness.jobs.codec.EventDecoder;
import io.witness.jobs.core.BadRecord;
import io.witness.operators.files.CsvException;
import io.witness.operators.files.CsvRecords;
import io.witness.schemas.DeadLetterReason;
import io.witness.schemas.Event;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Events from CSV records ({@link CsvRecords}: RFC 4180) with a header {@code time,key,<field>,...}:
 * {@code time} is epoch ms or ISO-8601; optional columns {@code type} and {@code source} fill those Event
 * attributes; every other column is a numeric field (an empty cell means the field is absent).
 */
final class CsvEvents {
    private final String[] header;
    private final int timeCol;
    private final int keyCol;

    CsvEvents(String headerRecord) {
        List<String> h;
        try {
            h = CsvRecords.cells(headerRecord);
        } catch (CsvException e) {
            throw new IllegalArgumentException("CSV header: " + e.getMessage());
        }
        header = h.stream().map(String::trim).toArray(String[]::new);
        List<String> names = List.of(header);
        timeCol = names.indexOf("time");
        keyCol = names.indexOf("key");
        if (timeCol < 0 || keyCol < 0) {
            throw new IllegalArgumentException("CSV header must contain 'time' and 'key' columns, got: " + headerRecord);
        }
    }

    Event parse(byte[] record) throws BadRecord {
        String text;
        try {
            text = CsvRecords.utf8(record);
        } catch (CsvException e) {
            throw new BadRecord(DeadLetterReason.MALFORMED, "line is not valid UTF-8");
        }
        List<String> cells;
        try {
            cells = CsvRecords.cells(text);
        } catch (CsvException e) {
            throw new BadRecord(DeadLetterReason.MALFORMED, e.getMessage());
        }
        if (cells.size() != header.length) {
            throw new BadRecord(DeadLetterReason.MALFORMED, "CSV line has " + cells.size() + " cells, header has " + header.length);
        }
        String key = cells.get(keyCol).trim();
        if (key.isEmpty()) {
            throw new BadRecord(DeadLetterReason.MISSING_FIELD, "field 'key' is missing");
        }
        String time = cells.get(timeCol).trim();
        if (time.isEmpty()) {
            throw new BadRecord(DeadLetterReason.MISSING_FIELD, "field 'time' is missing", key);
        }
        Map<String, Double> fields = new HashMap<>();
        String type = null;
        String source = null;
        for (int i = 0; i < header.length; i++) {
            if (i == timeCol || i == keyCol) {
                continue;
            }
            String c = cells.get(i).trim();
            if (header[i].equals("type")) {
                type = c.isEmpty() ? null : c;
            } else if (header[i].equals("source")) {
                source = c.isEmpty() ? null : c;
            } else if (!c.isEmpty()) {
                try {
                    fields.put(header[i], Double.parseDouble(c));
                } catch (NumberFormatException e) {
                    throw new BadRecord(DeadLetterReason.MALFORMED, "field '" + header[i] + "' is not a number: '" + c + "'", key);
                }
            }
        }
        return Event.newBuilder().setKey(key).setTime(EventDecoder.parseTime(time, key)).setFields(fields)
                .setType(type).setSource(source).build();
    }
}
