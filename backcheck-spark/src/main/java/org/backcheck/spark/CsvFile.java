package org.backcheck.spark;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.backcheck.extract.Delimiter;
import org.backcheck.extract.Header;
import org.backcheck.extract.RecordParser;
import org.backcheck.extract.SlotLayout;
import org.backcheck.measure.Measure;

/**
 * One delimited text file of the input, with what its header line says: the delimiter, and which
 * column feeds which slot of a record.
 *
 * @param path   the file, as Hadoop names it
 * @param length its size in bytes (for a {@code .gz} file, the compressed size)
 * @param gzip   whether it is gzip-compressed (then it is read whole by one task)
 */
record CsvFile(String path, long length, boolean gzip, Header header, SlotLayout slots) implements Serializable {

    /** The longest header line looked for. */
    static final int MAX_LINE = 1 << 20;

    private static final Header.Limit HEADER_LIMIT =
            new Header.Limit(MAX_LINE, "no line end in the first MiB: is this a delimited text extract?");

    /** Reads the header of {@code path} and maps its columns. */
    static CsvFile read(Path path, long length, Configuration conf, Character delimiter, Measure measure, String idColumn)
            throws IOException {
        boolean gzip = path.getName().toLowerCase(Locale.ROOT).endsWith(".gz");
        byte[] head;
        try (InputStream in = open(path, gzip, conf, 0)) {
            head = in.readNBytes(MAX_LINE + 4);
        }
        Header header = Header.atFileStart(head, head.length, Delimiter.orDetect(delimiter), HEADER_LIMIT);
        SlotLayout slots = SlotLayout.of(header.names(), measure.columns(), idColumn);
        return new CsvFile(path.toString(), length, gzip, header, slots);
    }

    /** A parser that fills the slots of each record. */
    RecordParser parser() {
        return new RecordParser(header.delimiter(), slots);
    }

    /** A parser that only finds where records end, for counting them: no slots to fill. */
    RecordParser counter() {
        return new RecordParser(header.delimiter(), SlotLayout.none(header.names().size()));
    }

    /** The text from byte {@code from} (of the decompressed text, for a {@code .gz} file) to byte {@code to}. */
    InputStream open(Configuration conf, long from, long to) throws IOException {
        InputStream in = open(new Path(path), gzip, conf, from);
        return to == Long.MAX_VALUE ? in : new Limited(in, to - from);
    }

    private static InputStream open(Path path, boolean gzip, Configuration conf, long from) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        FSDataInputStream raw = fs.open(path, 1 << 16);
        if (!gzip) {
            raw.seek(from);
            return raw;
        }
        // GZIPInputStream reads every member of a multi-member file and checks each one's CRC and length.
        InputStream in = new GZIPInputStream(raw, 1 << 16);
        in.skipNBytes(from);
        return in;
    }

    /** At most {@code remaining} bytes of a stream. */
    private static final class Limited extends FilterInputStream {
        private long remaining;

        Limited(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
