package org.backcheck.audit.parquet;

import java.io.Closeable;
import java.io.IOException;
import org.apache.parquet.hadoop.ParquetFileReader;

/**
 * The open file a worker thread reads its row groups from: kept while the row groups it is given
 * are in the same part (as they are, handed out in order), so that a part's footer is read once per
 * thread, not once per row group, and each thread has its own file handle and decompressors. Not
 * thread-safe: one per thread, closed when the reading is done.
 */
public final class PartReader implements Closeable {

    private ParquetPart part;
    private ParquetFileReader reader;

    /** The reader of {@code p}'s chosen columns, opening it (and closing the previous part's) when needed. */
    ParquetFileReader of(ParquetPart p) throws IOException {
        if (p != part) {
            close();
            reader = p.openReader();
            part = p;
        }
        return reader;
    }

    @Override
    public void close() throws IOException {
        ParquetFileReader r = reader;
        reader = null;
        part = null;
        if (r != null) {
            r.close();
        }
    }
}
