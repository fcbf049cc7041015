package org.backcheck.audit.parquet;

import io.airlift.compress.Decompressor;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.ByteBufferReleaser;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.backcheck.audit.ByteCount;
import org.backcheck.extract.UnreadableExtractException;

/**
 * Decompresses Parquet pages in Java alone: SNAPPY (the default of Spark, DuckDB and pyarrow),
 * ZSTD (the default of polars), LZ4_RAW with aircompressor, GZIP with {@code java.util.zip}.
 * parquet-mr's own codecs load native libraries (snappy-java, zstd-jni) that unpack into a temporary
 * folder, which a locked-down desktop may not allow to run, and would add 9 MB of native code for
 * every platform to the jar. Reading only: nothing here compresses.
 */
final class PureJavaCodecs implements CompressionCodecFactory {

    private final Path file;
    private final int maxPageBytes;

    /**
     * @param file         for the file named in messages
     * @param maxPageBytes the largest page decompressed; checked against the size the page's
     *                     header gives before any array is made for it
     */
    PureJavaCodecs(Path file, int maxPageBytes) {
        this.file = file;
        this.maxPageBytes = maxPageBytes;
    }

    /** A page larger than the bound; the message says how large. */
    static final class PageTooLargeException extends UnreadableExtractException {
        PageTooLargeException(int size, int bound) {
            super("a page of " + size + " bytes (decompressed), more than --max-record-bytes (" + ByteCount.text(bound)
                    + "): it holds a value too large to read within the bound. If such values are real data, raise "
                    + "--max-record-bytes");
        }
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new Pages(null, codec, maxPageBytes);
            case SNAPPY -> new Pages(new SnappyDecompressor(), codec, maxPageBytes);
            case ZSTD -> new Pages(new ZstdDecompressor(), codec, maxPageBytes);
            case LZ4_RAW -> new Pages(new Lz4Decompressor(), codec, maxPageBytes);
            case GZIP -> new Pages(null, codec, maxPageBytes);
            default -> throw new UnreadableExtractException("the Parquet file " + file + " is compressed with " + codec + ", which Backcheck "
                    + "does not read: write it with SNAPPY, ZSTD, GZIP or LZ4_RAW compression, or none");
        };
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("Backcheck reads Parquet; it does not write it");
    }

    @Override
    public void release() {
        // nothing held
    }

    /** One codec's pages; {@code decompressor} is null for GZIP and for no compression. */
    private record Pages(Decompressor decompressor, CompressionCodecName codec, int maxPageBytes)
            implements BytesInputDecompressor {

        private void check(int uncompressedSize) {
            if (uncompressedSize > maxPageBytes) {
                throw new PageTooLargeException(uncompressedSize, maxPageBytes);
            }
        }

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            check(uncompressedSize);
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                return bytes;
            }
            byte[] out = new byte[uncompressedSize];
            try (ByteBufferReleaser releaser = new ByteBufferReleaser(HeapByteBufferAllocator.getInstance())) {
                ByteBuffer in = bytes.toByteBuffer(releaser);
                if (in.hasArray()) {
                    decompress(in.array(), in.arrayOffset() + in.position(), in.remaining(), out);
                } else {
                    byte[] copy = new byte[in.remaining()];
                    in.get(copy);
                    decompress(copy, 0, copy.length, out);
                }
            }
            return BytesInput.from(out);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            check(uncompressedSize);
            byte[] in = new byte[compressedSize];
            input.get(in);
            byte[] out = new byte[uncompressedSize];
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                System.arraycopy(in, 0, out, 0, Math.min(compressedSize, uncompressedSize));
            } else {
                decompress(in, 0, in.length, out);
            }
            output.put(out);
        }

        private void decompress(byte[] in, int offset, int length, byte[] out) throws IOException {
            int n;
            if (decompressor == null) {
                try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(in, offset, length))) {
                    n = gzip.readNBytes(out, 0, out.length);
                    if (gzip.read() >= 0) {
                        n = out.length + 1;
                    }
                }
            } else {
                try {
                    n = decompressor.decompress(in, offset, length, out, 0, out.length);
                } catch (MalformedInputException | IndexOutOfBoundsException e) {
                    throw new IOException("a " + codec + " page cannot be decompressed: " + e.getMessage(), e);
                }
            }
            if (n != out.length) {
                throw new IOException("a " + codec + " page decompresses to " + (n > out.length ? "more" : n) + " bytes, not the "
                        + out.length + " its header gives");
            }
        }

        @Override
        public void release() {
            // nothing held
        }
    }
}
