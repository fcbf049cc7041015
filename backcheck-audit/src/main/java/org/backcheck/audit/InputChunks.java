package org.backcheck.audit;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.LongSupplier;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;
import org.backcheck.audit.parquet.ParquetAsCsv;
import org.backcheck.audit.parquet.ParquetParts;

/**
 * Reads an extract as a sequence of byte chunks, each ending just after a line feed (the last
 * chunk may end without one). A chunk may still end inside a quoted field that spans lines; the
 * scanner detects that and the audit re-joins the pieces. Plain files are read with a
 * {@link FileChannel}; {@code .gz} files (detected by their magic bytes) are decompressed strictly,
 * member after member (see {@link GzipSource}); Parquet (a {@code .parquet} file, a file starting
 * with the bytes {@code PAR1}, or a folder of part files) is read as CSV text that
 * {@link ParquetAsCsv} makes from its rows.
 */
final class InputChunks implements Closeable {

    static final int DEFAULT_CHUNK = 4 << 20;

    /** Largest chunk: a line must fit in one array. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 64;

    private final Source source;
    private final int chunkSize;
    private byte[] carry = new byte[0];
    private int carryLength;
    private boolean eof;
    private long bytesRead;
    private final long totalBytes;
    private final boolean parquet;
    private final java.util.ArrayDeque<byte[]> free = new java.util.ArrayDeque<>();

    InputChunks(Path file, int chunkSize) throws IOException {
        this(file, chunkSize, org.backcheck.audit.parquet.ColumnChoice.ALL);
    }

    /** {@code parquetColumns}: for Parquet input, the columns to read (the others are never decoded). */
    InputChunks(Path file, int chunkSize, org.backcheck.audit.parquet.ColumnChoice parquetColumns) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        this.chunkSize = chunkSize;
        this.parquet = ParquetParts.isParquet(file);
        if (parquet) {
            ParquetAsCsv csv = ParquetAsCsv.open(ParquetParts.of(file), parquetColumns);
            this.totalBytes = csv.totalBytes();
            this.source = new StreamSource(csv, csv::bytesRead);
        } else {
            this.totalBytes = Files.size(file);
            this.source = isGzip(file) ? new GzipSource(Files.newInputStream(file))
                    : new ChannelSource(FileChannel.open(file, StandardOpenOption.READ));
        }
    }

    /** True when the input is Parquet (a file, or a folder of parts), read as CSV text. */
    boolean parquet() {
        return parquet;
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
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
        return eof && carryLength == 0;
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
        if (eof && carryLength == 0) {
            return null;
        }
        byte[] buf = buffer((int) Math.min(MAX_ARRAY, Math.max(chunkSize, carryLength * 2L)));
        System.arraycopy(carry, 0, buf, 0, carryLength);
        int filled = carryLength;
        while (!eof && filled < buf.length) {
            int n = source.read(buf, filled, buf.length - filled);
            if (n < 0) {
                eof = true;
            } else {
                filled += n;
            }
        }
        int cut = filled;
        if (!eof) {
            cut = lastLineFeed(buf, filled);
            if (cut < 0) {
                // One line longer than the buffer: keep reading with a larger buffer; but not
                // without end (a file with CR-only line ends, or not text at all, has no LF).
                if (bytesRead == 0 && filled > Header.MAX_LINE + 3) {
                    throw new ExtractFormatException("no line feed in the first MiB: is this a delimited text extract? "
                            + "(Files whose lines end in CR alone must be converted to LF or CRLF first.)");
                }
                if (filled >= MAX_ARRAY) {
                    throw new ExtractFormatException("a line of more than " + (MAX_ARRAY >> 20)
                            + " MiB without a line feed: is this a delimited text extract?");
                }
                carry = buf;
                carryLength = filled;
                return next();
            }
            cut++;
        }
        carryLength = filled - cut;
        if (carryLength > 0) {
            if (carry.length < carryLength) {
                carry = new byte[Math.max(carryLength, 1 << 16)];
            }
            System.arraycopy(buf, cut, carry, 0, carryLength);
        }
        bytesRead += cut;
        return cut == 0 ? null : new Chunk(buf, cut);
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

    /** Bytes of whole lines. */
    record Chunk(byte[] bytes, int length) {
        /** This chunk with {@code prefix} in front: used when the previous chunk ended inside quotes. */
        Chunk prependedWith(byte[] prefix, int prefixLength) {
            byte[] joined = Arrays.copyOf(prefix, prefixLength + length);
            System.arraycopy(bytes, 0, joined, prefixLength, length);
            return new Chunk(joined, prefixLength + length);
        }
    }

    private interface Source extends Closeable {
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

    /** Text that another reader makes, such as Parquet rows as CSV; {@code position} is for progress. */
    private static final class StreamSource implements Source {
        private final InputStream in;
        private final LongSupplier position;

        StreamSource(InputStream in, LongSupplier position) {
            this.in = in;
            this.position = position;
        }

        public int read(byte[] buf, int off, int len) throws IOException {
            return in.read(buf, off, len);
        }

        public long position() {
            return position.getAsLong();
        }

        public void close() throws IOException {
            in.close();
        }
    }

    /**
     * RFC 1952 gzip, read strictly. Not {@link java.util.zip.GZIPInputStream}: that class takes
     * anything after a member that does not parse as a gzip header (a damaged or cut-off next
     * member, stray bytes) for the end of the data, and skips a tail of 18 bytes or fewer
     * without looking at it, so a damaged multi-member file would silently lose rows. Here every member is read and checked (CRC-32 and length), a file
     * that ends early is an {@link EOFException}, and bytes after the last member are an error
     * unless they are all zero (padding some tools add).
     */
    private static final class GzipSource implements Source {
        private static final int FHCRC = 2;
        private static final int FEXTRA = 4;
        private static final int FNAME = 8;
        private static final int FCOMMENT = 16;

        private final InputStream in;
        private final byte[] input = new byte[1 << 16];
        private int inputPos;
        private int inputLen;
        private boolean inputEnd;
        private long compressedRead;
        private final Inflater inflater = new Inflater(true);
        private final CRC32 crc = new CRC32();
        private long memberBytes;
        private boolean inMember;
        private boolean done;
        private long members;

        GzipSource(InputStream in) throws IOException {
            this.in = in;
            try {
                readHeader();
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        public int read(byte[] buf, int off, int len) throws IOException {
            while (!done) {
                if (!inMember) {
                    if (!nextMember()) {
                        done = true;
                        break;
                    }
                    continue;
                }
                int n;
                try {
                    n = inflater.inflate(buf, off, len);
                } catch (DataFormatException e) {
                    throw new ZipException("corrupt compressed data: " + e.getMessage());
                }
                if (n > 0) {
                    crc.update(buf, off, n);
                    memberBytes += n;
                    return n;
                }
                if (inflater.finished()) {
                    inputPos = inputLen - inflater.getRemaining();
                    readTrailer();
                    inMember = false;
                } else if (inflater.needsDictionary()) {
                    throw new ZipException("corrupt compressed data (asks for a preset dictionary)");
                } else if (inflater.needsInput()) {
                    if (inputPos == inputLen && !fill()) {
                        throw new EOFException("the gzip file ends inside its compressed data: it is truncated");
                    }
                    inflater.setInput(input, inputPos, inputLen - inputPos);
                    inputPos = inputLen;
                } else {
                    throw new ZipException("corrupt compressed data");
                }
            }
            return -1;
        }

        /** After a member: true when another follows (its header read), false at a clean end. */
        private boolean nextMember() throws IOException {
            if (inputPos == inputLen && !fill()) {
                return false;
            }
            if (input[inputPos] == 0) {
                // Zero padding to the end of the file is allowed; anything else after it is not.
                while (inputPos < inputLen || fill()) {
                    if (input[inputPos++] != 0) {
                        throw new ZipException("unexpected data after the end of the gzip data");
                    }
                }
                return false;
            }
            readHeader();
            return true;
        }

        private void readHeader() throws IOException {
            int id1 = readByte();
            int id2 = readByte();
            if (id1 != 0x1f || id2 != 0x8b) {
                throw new ZipException(members > 0 ? "unexpected data after the end of the gzip data" : "not in gzip format");
            }
            if (readByte() != 8) {
                throw new ZipException("unsupported compression method");
            }
            int flags = readByte();
            if ((flags & 0xe0) != 0) {
                throw new ZipException("corrupt gzip header (reserved flags set)");
            }
            for (int i = 0; i < 6; i++) {
                readByte(); // modification time, extra flags, operating system
            }
            if ((flags & FEXTRA) != 0) {
                int length = readByte() | readByte() << 8;
                for (int i = 0; i < length; i++) {
                    readByte();
                }
            }
            if ((flags & FNAME) != 0) {
                while (readByte() != 0) {
                    // file name
                }
            }
            if ((flags & FCOMMENT) != 0) {
                while (readByte() != 0) {
                    // comment
                }
            }
            if ((flags & FHCRC) != 0) {
                readByte();
                readByte();
            }
            inflater.reset();
            crc.reset();
            memberBytes = 0;
            inMember = true;
            members++;
        }

        private void readTrailer() throws IOException {
            long expectedCrc = readInt();
            long expectedSize = readInt();
            if (expectedCrc != crc.getValue()) {
                throw new ZipException("corrupt gzip data: the CRC-32 check fails");
            }
            if (expectedSize != (memberBytes & 0xffffffffL)) {
                throw new ZipException("corrupt gzip data: the length check fails");
            }
        }

        private long readInt() throws IOException {
            long v = 0;
            for (int i = 0; i < 4; i++) {
                v |= (long) readByte() << (8 * i);
            }
            return v;
        }

        private int readByte() throws IOException {
            if (inputPos == inputLen && !fill()) {
                throw new EOFException("the gzip file ends early: it is truncated");
            }
            return input[inputPos++] & 0xff;
        }

        /** Reads more compressed bytes into an empty input buffer; false at the end of the file. */
        private boolean fill() throws IOException {
            if (inputEnd) {
                return false;
            }
            int n = in.read(input, 0, input.length);
            while (n == 0) {
                n = in.read(input, 0, input.length);
            }
            if (n < 0) {
                inputEnd = true;
                return false;
            }
            inputPos = 0;
            inputLen = n;
            compressedRead += n;
            return true;
        }

        public long position() {
            return compressedRead;
        }

        public void close() throws IOException {
            inflater.end();
            in.close();
        }
    }
}
