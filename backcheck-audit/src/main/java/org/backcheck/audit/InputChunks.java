package org.backcheck.audit;

import org.backcheck.extract.UnreadableExtractException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.backcheck.report.InputDigest;
import org.backcheck.report.InputIdentity;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Reads an extract as a sequence of byte chunks, each ending just after a line feed (the last
 * chunk may end without one). A chunk may still end inside a quoted field that spans lines; the
 * scanner detects that and the audit re-joins the pieces. Plain files are read with a
 * {@link FileChannel}; {@code .gz} files (detected by their magic bytes) are decompressed strictly,
 * member after member (see {@link GzipSource}); Parquet is not read here (see
 * {@link ParquetBatches}). A pipe, FIFO or device ({@code -}, {@code /dev/stdin},
 * {@code <(zcat ...)}) is opened once and its first bytes looked at through a buffer, never by
 * opening it again (that would lose them); Parquet cannot be read that way.
 *
 * <p>Memory is bounded by {@code maxRecordBytes}, not by the input: a line longer than that is
 * never held whole; it is read past to its line feed and reported through
 * {@link Chunk#skippedBefore()}, so that the audit rejects it as one row and goes on.
 */
final class InputChunks implements Closeable {

    static final int DEFAULT_CHUNK = 4 << 20;

    /** Bytes looked at for the first line feed before a file with none but CRs is refused. */
    static final int FIRST_LINE_CHECK = 1 << 20;

    private final Source source;
    private final int chunkSize;
    private final int maxRecordBytes;
    private final Path file;
    private byte[] carry = new byte[0];
    private int carryLength;
    private boolean eof;
    private long bytesRead;
    private int skipped;
    private final long totalBytes;
    private final java.util.ArrayDeque<byte[]> free = new java.util.ArrayDeque<>();
    /** For a pipe: the SHA-256 of the bytes as they are read from it (before any decompression). */
    private final InputDigest digest = new InputDigest();

    InputChunks(Path file, int chunkSize) throws IOException {
        this(file, chunkSize, AuditOptions.DEFAULT_MAX_RECORD_BYTES);
    }

    /** @param maxRecordBytes the longest line held in memory; see the class comment */
    InputChunks(Path file, int chunkSize, int maxRecordBytes) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        this.file = file;
        this.chunkSize = chunkSize;
        this.maxRecordBytes = maxRecordBytes;
        boolean seekable = Files.isDirectory(file) || Files.isRegularFile(file);
        if (seekable) {
            this.totalBytes = Files.size(file);
            this.source = isGzip(file) ? new GzipSource(Files.newInputStream(file))
                    : new ChannelSource(FileChannel.open(file, StandardOpenOption.READ));
        } else {
            this.totalBytes = 0; // unknown
            this.source = openStream(file, digest);
        }
    }

    /**
     * A pipe or device, opened once: its first bytes are looked at through the buffer and then
     * read again from it.
     */
    private static Source openStream(Path file, InputDigest digest) throws IOException {
        // A FileInputStream, not Files.newInputStream: on a pipe, the latter's available() fails in Java 17
        // (it asks the channel for its position: "Illegal seek"), and BufferedInputStream calls it.
        // The digest sees the pipe's bytes once each, below the buffer that looks at the first ones twice.
        BufferedInputStream in = new BufferedInputStream(digest.counting(new java.io.FileInputStream(file.toFile())), 1 << 16);
        try {
            in.mark(FirstBytes.NEEDED);
            byte[] head = in.readNBytes(FirstBytes.NEEDED);
            in.reset();
            FirstBytes kind = FirstBytes.of(head, 0, head.length);
            if (kind == FirstBytes.PARQUET) {
                throw new IllegalArgumentException(file + " is Parquet coming through a pipe or device, which cannot "
                        + "be read that way (a Parquet reader starts from the index at the end of the file): write it "
                        + "to a file and give that file to --input");
            }
            return kind == FirstBytes.GZIP ? new GzipSource(in) : new StreamSource(in, null);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /**
     * A pipe's identity, once every byte has been read: the SHA-256 of the bytes read from it, taken
     * as they passed (a pipe cannot be read again). A file's is taken apart ({@link FileChecksum}).
     */
    InputIdentity pipeIdentity() {
        return digest.identity(InputDigest.name(file), InputIdentity.PIPE);
    }

    /** Size of the file on disk (compressed size for .gz), for progress. */
    long totalBytes() {
        return totalBytes;
    }

    /** Bytes read from disk so far (compressed bytes for .gz: an estimate of progress). */
    long bytesRead() {
        return source.position();
    }

    /** True once every byte has been handed out. */
    boolean exhausted() {
        return eof && carryLength == 0 && skipped == 0;
    }

    /** Decompressed bytes delivered so far. */
    long bytesDelivered() {
        return bytesRead;
    }

    /**
     * The next chunk, or null at end of input. The returned array holds {@link Chunk#length()} bytes
     * and is owned by the caller.
     */
    Chunk next() throws IOException {
        while (true) {
            if (eof && carryLength == 0) {
                return takeSkipped(new Chunk(new byte[0], 0), null);
            }
            byte[] buf = buffer(bufferSize());
            System.arraycopy(carry, 0, buf, 0, carryLength);
            if (carry.length > chunkSize) {
                carry = new byte[0]; // a grown buffer, now copied: let it go
            }
            int filled = carryLength;
            boolean fresh = bytesRead == 0 && carryLength == 0 && skipped == 0;
            while (!eof && filled < buf.length) {
                int n = source.read(buf, filled, buf.length - filled);
                if (n < 0) {
                    eof = true;
                } else {
                    filled += n;
                }
            }
            if (fresh) {
                FirstBytes.checkText(buf, 0, filled, file);
            }
            int cut = filled;
            if (!eof) {
                cut = lastLineFeed(buf, filled);
                if (cut < 0) {
                    carryLength = 0;
                    refuseCrOnly(buf, filled);
                    if (filled > maxRecordBytes) {
                        skipLine(buf);
                    } else {
                        carry = buf;
                        carryLength = filled;
                    }
                    continue;
                }
                cut++;
            }
            carryLength = filled - cut;
            if (carryLength > 0) {
                if (carry.length < carryLength || carry == buf) {
                    carry = new byte[Math.max(carryLength, 1 << 16)];
                }
                System.arraycopy(buf, cut, carry, 0, carryLength);
            }
            bytesRead += cut;
            return takeSkipped(new Chunk(buf, cut), cut == 0 ? null : new Chunk(buf, cut));
        }
    }

    /**
     * The next buffer: a chunk, or, for a line longer than that, twice the line so far, but never
     * more than one byte over the record limit (a buffer that full without a line feed holds a line
     * too long). Growing straight to that size once the line is over a quarter of it keeps the peak
     * (the old buffer and the new) under 1.5 times the limit.
     */
    private int bufferSize() {
        if (carryLength == 0) {
            return chunkSize;
        }
        long doubled = carryLength * 2L;
        return (int) Math.max(chunkSize, doubled * 2 > maxRecordBytes ? maxRecordBytes + 1L : doubled);
    }

    /** The chunk, carrying the count of lines skipped before it; {@code otherwise} when none were. */
    private Chunk takeSkipped(Chunk chunk, Chunk otherwise) {
        if (skipped == 0) {
            return otherwise;
        }
        Chunk c = new Chunk(chunk.bytes(), chunk.length(), skipped);
        skipped = 0;
        return c;
    }

    /**
     * A line of more than {@code maxRecordBytes}: reads past it to its line feed (or the end),
     * keeping what follows, and counts it. The header line cannot be skipped: that is an error.
     */
    private void skipLine(byte[] buf) throws IOException {
        if (bytesRead == 0 && skipped == 0) {
            throw ExtractStart.headerTooLong(maxRecordBytes);
        }
        skipped++;
        carry = new byte[0];
        while (true) {
            int n = source.read(buf, 0, buf.length);
            if (n < 0) {
                eof = true;
                return;
            }
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    carryLength = n - i - 1;
                    if (carry.length < carryLength) {
                        carry = new byte[Math.max(carryLength, 1 << 16)];
                    }
                    System.arraycopy(buf, i + 1, carry, 0, carryLength);
                    return;
                }
            }
        }
    }

    /** A first line without a line feed in its first MiB, but with CRs: lines that end in CR alone. */
    private void refuseCrOnly(byte[] buf, int filled) {
        if (bytesRead == 0 && skipped == 0 && filled > FIRST_LINE_CHECK) {
            for (int i = 0; i < FIRST_LINE_CHECK; i++) {
                if (buf[i] == '\r') {
                    throw new UnreadableExtractException("no line feed in the first MiB, but carriage returns: the lines end "
                            + "in CR alone (an old Mac format). Convert the file to LF or CRLF line ends first, e.g. "
                            + "tr '\\r' '\\n' < IN > OUT.csv");
                }
            }
        }
    }

    /**
     * Gives a chunk's array back once nothing refers to it any more, so the next chunk reuses it
     * instead of allocating (and zeroing) another.
     */
    void recycle(byte[] bytes) {
        if (bytes.length == chunkSize && free.size() < 64) {
            free.push(bytes);
        }
    }

    private byte[] buffer(int size) {
        byte[] b = size == chunkSize ? free.poll() : null;
        return b != null ? b : new byte[size];
    }

    private static int lastLineFeed(byte[] buf, int filled) {
        for (int i = filled - 1; i >= 0; i--) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    /**
     * Bytes of whole lines.
     *
     * @param skippedBefore lines longer than the record limit read past just before these bytes:
     *                      each is a row the audit rejects
     */
    record Chunk(byte[] bytes, int length, int skippedBefore) {
        Chunk(byte[] bytes, int length) {
            this(bytes, length, 0);
        }

        /** This chunk with {@code prefix} in front: used when the previous chunk ended inside quotes. */
        Chunk prependedWith(byte[] prefix, int prefixLength) {
            byte[] joined = Arrays.copyOf(prefix, prefixLength + length);
            System.arraycopy(bytes, 0, joined, prefixLength, length);
            return new Chunk(joined, prefixLength + length);
        }
    }

    interface Source extends Closeable {
        int read(byte[] buf, int off, int len) throws IOException;

        long position();
    }

    private static final class ChannelSource implements Source {
        private final FileChannel channel;

        ChannelSource(FileChannel channel) {
            this.channel = channel;
        }

        public int read(byte[] buf, int off, int len) throws IOException {
            return channel.read(ByteBuffer.wrap(buf, off, len));
        }

        public long position() {
            try {
                return channel.position();
            } catch (IOException e) {
                return 0;
            }
        }

        public void close() throws IOException {
            channel.close();
        }
    }

    /** A pipe, or text that another reader makes. */
    private static final class StreamSource implements Source {
        private final InputStream in;
        private final LongSupplier position;
        private long count;

        /** @param position bytes read so far for progress, or null to count what this stream hands out */
        StreamSource(InputStream in, LongSupplier position) {
            this.in = in;
            this.position = position;
        }

        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            count += Math.max(n, 0);
            return n;
        }

        public long position() {
            return position == null ? count : position.getAsLong();
        }

        public void close() throws IOException {
            in.close();
        }
    }
}
