package org.backcheck.audit;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads an extract as a sequence of byte chunks, each ending just after a line feed (the last
 * chunk may end without one). A chunk may still end inside a quoted field that spans lines; the
 * scanner detects that and the audit re-joins the pieces. Plain files are read with a
 * {@link FileChannel}; {@code .gz} files (detected by their magic bytes) through a GZIP stream.
 */
final class InputChunks implements Closeable {

    static final int DEFAULT_CHUNK = 4 << 20;

    private final Source source;
    private final int chunkSize;
    private byte[] carry = new byte[0];
    private int carryLength;
    private boolean eof;
    private long bytesRead;
    private final long totalBytes;
    private final java.util.ArrayDeque<byte[]> free = new java.util.ArrayDeque<>();

    InputChunks(Path file, int chunkSize) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a folder; give the extract file");
        }
        this.chunkSize = chunkSize;
        this.totalBytes = Files.size(file);
        this.source = isGzip(file) ? new StreamSource(new GZIPInputStream(Files.newInputStream(file), 1 << 16))
                : new ChannelSource(FileChannel.open(file, StandardOpenOption.READ));
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
        byte[] buf = buffer(Math.max(chunkSize, carryLength * 2));
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
                // One line longer than the buffer: keep reading with a larger buffer.
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

    private static final class StreamSource implements Source {
        private final InputStream in;
        private long position;

        StreamSource(InputStream in) {
            this.in = in;
        }

        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        public long position() {
            return position;
        }

        public void close() throws IOException {
            in.close();
        }
    }
}
