package io.witness.jobs.codec;

import io.witness.schemas.Event;
import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.ResolvingDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.Utf8;

import java.io.IOException;

/**
 * Reads an Avro record (an {@link Event}, a {@code DecisionRequest}, a {@code Feedback}) with strict UTF-8 strings. Avro's own reader builds a {@code String} with
 * {@code new String(bytes, UTF_8)}, which turns overlong forms ({@code C0 AF}), encoded surrogates
 * ({@code ED A0 80}) and code points above U+10FFFF ({@code F4 90 80 80}) into U+FFFD: a record would become
 * an event of a key nobody sent, exactly what the JSON path refuses (see {@link EventDecoder}). Every string —
 * of an Event: {@code key}, {@code type}, {@code source} and each key of {@code fields} — is decoded by the
 * JDK's reporting decoder instead; the first invalid one throws {@link InvalidString}, which names the field.
 *
 * <p>Custom coders and Avro's fast reader are off for this reader: both read strings without passing through
 * {@link #readString(Object, Schema, Decoder)}. Not thread-safe (one per {@link EventDecoder}).
 */
final class StrictAvroReader<T> extends SpecificDatumReader<T> {

    /** A string of the record that is not UTF-8 (RFC 3629). */
    static final class InvalidString extends IOException {
        private static final long serialVersionUID = 1L;

        InvalidString(String message) {
            super(message, null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;   // bad input is routine, not exceptional
        }
    }

    private final StrictUtf8 utf8 = new StrictUtf8();
    /** The field being read, for the message. */
    private String field = "?";

    /** @param schema the generated class's schema (e.g. {@code Event.getClassSchema()}) */
    StrictAvroReader(Schema schema) {
        super(schema, schema, plainData());
    }

    private static SpecificData plainData() {
        SpecificData data = new SpecificData(StrictAvroReader.class.getClassLoader());
        data.setCustomCoders(false);
        data.setFastReaderEnabled(false);
        return data;
    }

    @Override
    protected void readField(Object record, Schema.Field f, Object oldDatum, ResolvingDecoder in, Object state)
            throws IOException {
        field = f.name();
        super.readField(record, f, oldDatum, in, state);
    }

    @Override
    protected Object readString(Object old, Schema expected, Decoder in) throws IOException {
        return strict(in.readString(null), "field '" + field + "'");
    }

    @Override
    protected Object readMapKey(Object old, Schema expected, Decoder in) throws IOException {
        return strict(in.readString(null), "a name in field '" + field + "'");
    }

    private String strict(Utf8 s, String what) throws InvalidString {
        try {
            return utf8.decode(s.getBytes(), s.getByteLength());
        } catch (StrictUtf8.Invalid e) {
            throw new InvalidString(what + " is not valid UTF-8 at byte " + e.at + " of the string" + e.badByte);
        }
    }
}
