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
    private boolean shutDown;

    /** The reader of {@code p}'s chosen columns, opening it (and closing the previous part's) when needed. */
    synchronized ParquetFileReader of(ParquetPart p) throws IOException {
        if (shutDown) {
            throw new java.io.InterruptedIOException("the audit stopped: no Parquet file is opened any more");
        }
        if (p != part) {
            close();
            reader = p.openReader();
            part = p;
        }
        return reader;
    }

    /**
     * Closes the file for good, from any thread: called once the audit has stopped, so that a worker
     * still running cannot open a file again that nobody would close.
     */
    public synchronized void shutDown() throws IOException {
        shutDown = true;
        close();
    }

    /** Closes the file; the next {@link #of} opens it afresh. */
    @Override
    public synchronized void close() throws IOException {
        ParquetFileReader r = reader;
        reader = null;
        part = null;
        if (r != null) {
            r.close();
        }
    }
}
