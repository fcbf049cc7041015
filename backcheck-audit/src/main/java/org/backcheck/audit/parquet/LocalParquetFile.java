package org.backcheck.audit.parquet;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet file on the local disk, read through a {@link FileChannel}: column chunks go straight
 * into the reader's buffers, and a file that cannot be opened fails with the
 * {@link java.nio.file.FileSystemException} that names it (no such file, permission denied).
 */
record LocalParquetFile(Path path) implements InputFile {

    @Override
    public long getLength() throws IOException {
        return Files.size(path);
    }

    /** The path: parquet-mr names the file by this in its messages. */
    @Override
    public String toString() {
        return path.toString();
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        return new Stream(FileChannel.open(path, StandardOpenOption.READ));
    }

    private static final class Stream extends SeekableInputStream {
        private final FileChannel channel;

        Stream(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public long getPos() throws IOException {
            return channel.position();
        }

        @Override
        public void seek(long position) throws IOException {
            channel.position(position);
        }

        @Override
        public int read() throws IOException {
            ByteBuffer one = ByteBuffer.allocate(1);
            return channel.read(one) < 0 ? -1 : one.get(0) & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return channel.read(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public void readFully(byte[] bytes) throws IOException {
            readFully(ByteBuffer.wrap(bytes));
        }

        @Override
        public void readFully(byte[] bytes, int start, int len) throws IOException {
            readFully(ByteBuffer.wrap(bytes, start, len));
        }

        @Override
        public int read(ByteBuffer buf) throws IOException {
            return channel.read(buf);
        }

        @Override
        public void readFully(ByteBuffer buf) throws IOException {
            while (buf.hasRemaining()) {
                if (channel.read(buf) < 0) {
                    throw new EOFException("the file ends " + buf.remaining() + " bytes before the data its footer describes");
                }
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
