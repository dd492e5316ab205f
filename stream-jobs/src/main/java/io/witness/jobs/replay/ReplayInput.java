package io.witness.jobs.replay;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The input of a replay: a file or standard input ({@code -}), gzip-compressed or not (recognised by its
 * magic bytes 1F 8B, whatever the name), JSON lines or CSV. It counts the bytes read from the source, so
 * that progress can give a share and an ETA when the size is known (a regular file; for a {@code .gz} file
 * the share of its compressed bytes).
 */
public final class ReplayInput implements Closeable {

    /** The name that means standard input (and, for outputs, standard output). */
    public static final String STDIN = "-";

    /** How the records are written. */
    public enum Format {
        /** By the name ({@code .csv}, {@code .jsonl}, {@code .json}, {@code .ndjson}, each also {@code .gz}), else by content. */
        AUTO,
        /** One Event JSON object per line. */
        JSONL,
        /** A header {@code time,key,<field>,...} and one event per record (RFC 4180). */
        CSV
    }

    private final String origin;
    private final Format format;
    private final boolean gzip;
    private final InputStream body;
    private final Counting raw;
    private final long size;

    private ReplayInput(String origin, Format format, boolean gzip, InputStream body, Counting raw, long size) {
        this.origin = origin;
        this.format = format;
        this.gzip = gzip;
        this.body = body;
        this.raw = raw;
        this.size = size;
    }

    /** Opens {@code path} ({@code -}: {@code stdin}). */
    public static ReplayInput open(Path path, Format format, InputStream stdin) throws IOException {
        boolean isStdin = STDIN.equals(path.toString());
        // standard input stays open for the rest of the process
        InputStream source = isStdin ? new FilterInputStream(stdin) {
            @Override
            public void close() {
            }
        } : Files.newInputStream(path);
        long size = isStdin || !Files.isRegularFile(path) ? -1 : Files.size(path);
        String name = isStdin ? "stdin" : path.getFileName().toString();
        Counting raw = new Counting(source);
        BufferedInputStream head = new BufferedInputStream(raw, 1 << 16);
        head.mark(2);
        boolean gzip = head.read() == 0x1F && head.read() == 0x8B;
        head.reset();
        InputStream body = gzip ? new BufferedInputStream(new GZIPInputStream(head, 1 << 16), 1 << 16) : head;
        Format f = format == Format.AUTO ? byName(name) : format;
        if (f == Format.AUTO) {
            f = byContent(body);
        }
        return new ReplayInput(name, f, gzip, body, raw, size);
    }

    private static Format byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        if (n.endsWith(".csv")) {
            return Format.CSV;
        }
        if (n.endsWith(".jsonl") || n.endsWith(".json") || n.endsWith(".ndjson")) {
            return Format.JSONL;
        }
        return Format.AUTO;
    }

    /** JSON lines start with an object; anything else is taken for a CSV header. */
    private static Format byContent(InputStream in) throws IOException {
        in.mark(1 << 12);
        try {
            for (int i = 0, b; i < (1 << 12) && (b = in.read()) >= 0; i++) {
                if (b == '{') {
                    return Format.JSONL;
                }
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != 0xEF && b != 0xBB && b != 0xBF) {
                    return Format.CSV;
                }
            }
            return Format.JSONL;
        } finally {
            in.reset();
        }
    }

    /** The file name, or {@code stdin}: the "topic" of the dead letters. */
    public String origin() {
        return origin;
    }

    public Format format() {
        return format;
    }

    public boolean gzip() {
        return gzip;
    }

    /** The records' bytes (decompressed). */
    public InputStream body() {
        return body;
    }

    /** Bytes read so far from the source (compressed, for gzip). */
    public long bytesRead() {
        return raw.count;
    }

    /** The source's size in bytes, or -1 when unknown (standard input, a pipe). */
    public long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }

    private static final class Counting extends FilterInputStream {
        volatile long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
