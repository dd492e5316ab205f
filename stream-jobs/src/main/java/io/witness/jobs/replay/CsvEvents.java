package io.witness.jobs.replay;

import io.witness.jobs.codec.EventDecoder;
import io.witness.jobs.core.BadRecord;
import io.witness.schemas.DeadLetterReason;
import io.witness.schemas.Event;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Events from CSV lines with a header {@code time,key,<field>,...}: {@code time} is epoch ms or
 * ISO-8601; optional columns {@code type} and {@code source} fill those Event attributes; every other
 * column is a numeric field (an empty cell means the field is absent). Quoted cells follow RFC 4180.
 */
final class CsvEvents {
    private final String[] header;
    private final int timeCol;
    private final int keyCol;

    CsvEvents(String headerLine) {
        List<String> h = split(headerLine);
        header = h.stream().map(String::trim).toArray(String[]::new);
        timeCol = h.indexOf("time");
        keyCol = h.indexOf("key");
        if (timeCol < 0 || keyCol < 0) {
            throw new IllegalArgumentException("CSV header must contain 'time' and 'key' columns, got: " + headerLine);
        }
    }

    Event parse(String line) throws BadRecord {
        List<String> cells = split(line);
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

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
