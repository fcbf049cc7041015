package org.backcheck.audit.parquet;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.backcheck.extract.parquet.TextBuffer;

/**
 * Decodes one row group, row by row, straight into the text of each column: text columns hand
 * over their bytes where they lie (a dictionary entry or a page, no copy), the others are written
 * by their {@link ColumnText} into a buffer per column. No CSV text is made; only the length a
 * row would have as a CSV record is worked out, when it could exceed the record limit.
 */
final class RowDecoder {

    private static final byte[] NONE = new byte[0];

    private final ColumnReader[] columns;
    private final ColumnText[] texts;
    private final int[] maxDefinition;
    private final long rows;
    private final int maxRecordBytes;
    private final TextBuffer[] buffers;
    private final byte[][] bytes;
    private final int[] offset;
    private final int[] length;
    private final Slice slice = new Slice();
    private long done;

    RowDecoder(PageReadStore pages, MessageType schema, String createdBy, ColumnText[] texts, int maxRecordBytes) {
        this.texts = texts;
        this.rows = pages.getRowCount();
        this.maxRecordBytes = maxRecordBytes;
        // Flat, so there is one leaf column per field, in field order.
        ColumnDescriptor[] descriptors = schema.getColumns().toArray(ColumnDescriptor[]::new);
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new DummyRecordConverter(schema).getRootConverter(),
                schema, createdBy);
        int n = descriptors.length;
        this.columns = new ColumnReader[n];
        this.maxDefinition = new int[n];
        this.buffers = new TextBuffer[n];
        for (int i = 0; i < n; i++) {
            columns[i] = store.getColumnReader(descriptors[i]);
            maxDefinition[i] = descriptors[i].getMaxDefinitionLevel();
            buffers[i] = new TextBuffer();
        }
        this.bytes = new byte[n][];
        this.offset = new int[n];
        this.length = new int[n];
    }

    /** Rows handed to the sink so far. */
    long rowsDone() {
        return done;
    }

    /** Hands every row to {@code sink}; what the sink throws comes out as a {@link SinkFailure}. */
    void rows(RowSink sink) {
        ColumnReader[] c = columns;
        while (done < rows) {
            for (int i = 0; i < c.length; i++) {
                read(i, c[i]);
            }
            boolean tooLong = tooLong();
            try {
                sink.row(bytes, offset, length, tooLong);
            } catch (RuntimeException e) {
                throw new SinkFailure(e);
            }
            for (ColumnReader column : c) {
                column.consume();
            }
            done++;
        }
    }

    private void read(int i, ColumnReader column) {
        if (column.getCurrentDefinitionLevel() != maxDefinition[i]) {
            bytes[i] = NONE;
            offset[i] = 0;
            length[i] = 0;
        } else if (texts[i].isText()) {
            slice.take(column.getBinary(), buffers[i]);
            bytes[i] = slice.bytes;
            offset[i] = slice.offset;
            length[i] = slice.length;
        } else {
            TextBuffer out = buffers[i];
            out.clear();
            length[i] = texts[i].write(column, out) ? out.length() : 0;
            bytes[i] = out.bytes();
            offset[i] = 0;
        }
    }

    /**
     * Whether the row as a CSV record (fields joined by commas, a field with a comma, quote, CR or
     * LF enclosed in quotes with its quotes doubled) is longer than the limit. Its length lies
     * between the fields' lengths plus the commas and twice that plus the quotes; only between
     * those is it counted.
     */
    private boolean tooLong() {
        long raw = length.length - 1;
        for (int len : length) {
            raw += len;
        }
        if (raw > maxRecordBytes) {
            return true;
        }
        if (2 * raw + 2L * length.length <= maxRecordBytes) {
            return false;
        }
        long csv = length.length - 1;
        for (int i = 0; i < length.length; i++) {
            csv += csvLength(bytes[i], offset[i], length[i]);
        }
        return csv > maxRecordBytes;
    }

    private static long csvLength(byte[] b, int from, int len) {
        int quotes = 0;
        boolean quote = false;
        for (int i = from; i < from + len; i++) {
            byte c = b[i];
            if (c == '"') {
                quotes++;
                quote = true;
            } else if (c == ',' || c == '\n' || c == '\r') {
                quote = true;
            }
        }
        return quote ? len + 2L + quotes : len;
    }

    /** What a {@link RowSink} threw, carried out past the handling of the file's own errors. */
    static final class SinkFailure extends RuntimeException {
        SinkFailure(RuntimeException cause) {
            super(cause);
        }

        RuntimeException failure() {
            return (RuntimeException) getCause();
        }
    }

    /**
     * Where a binary value's bytes lie, taken through {@link Binary#writeTo(OutputStream)}, which
     * hands them over without a copy or a buffer object per value. A value in several pieces is
     * joined in the column's buffer.
     */
    private static final class Slice extends OutputStream {
        byte[] bytes;
        int offset;
        int length;
        private int pieces;
        private TextBuffer joined;

        void take(Binary value, TextBuffer buffer) {
            pieces = 0;
            joined = buffer;
            length = 0;
            try {
                value.writeTo(this);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e); // this stream throws none
            }
            if (pieces > 1) {
                bytes = buffer.bytes();
                offset = 0;
                length = buffer.length();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (pieces == 0) {
                bytes = b;
                offset = off;
                length = len;
            } else {
                if (pieces == 1) {
                    joined.clear();
                    joined.append(bytes, offset, length);
                }
                joined.append(b, off, len);
            }
            pieces++;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }
}
