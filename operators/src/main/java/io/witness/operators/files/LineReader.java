package io.witness.operators.files;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * The lines of a byte stream, as bytes: a line that is not UTF-8 is one bad record for the caller to
 * report, not the end of the input. Terminators are {@code \n}, {@code \r\n} or {@code \r}; a UTF-8
 * byte-order mark at the start (EF BB BF, written by editors on some systems) is not part of the first line.
 */
public final class LineReader implements Closeable {

    private final InputStream in;
    private long line;

    public LineReader(InputStream in) throws IOException {
        this.in = in.markSupported() ? in : new BufferedInputStream(in, 1 << 16);
        this.in.mark(3);
        if (this.in.read() != 0xEF || this.in.read() != 0xBB || this.in.read() != 0xBF) {
            this.in.reset();
        }
    }

    /** The next line without its terminator, or null at the end of the input. */
    public byte[] next() throws IOException {
        int b = in.read();
        if (b < 0) {
            return null;
        }
        line++;
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        while (b >= 0 && b != '\n') {
            if (b == '\r') {
                in.mark(1);
                if (in.read() != '\n') {
                    in.reset();
                }
                break;
            }
            out.write(b);
            b = in.read();
        }
        return out.toByteArray();
    }

    /** The number (from 1) of the line {@link #next} returned last. */
    public long lineNumber() {
        return line;
    }

    /** True when the line has nothing but blanks (spaces, tabs, form feeds, vertical tabs). */
    public static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\f' && b != 0x0B) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
