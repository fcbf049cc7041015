package org.backcheck.audit;

import java.io.IOException;
import java.util.concurrent.Future;

/**
 * The extract's work in file order, each unit handed to the worker pool as it is taken: chunks of
 * delimited text ({@link TextBatches}) or Parquet row groups ({@link ParquetBatches}). The audit
 * takes the results back in the same order, so rows keep their numbers whatever finishes first.
 */
interface Batches {

    /** The next unit, already submitted; null after the last. */
    Pending next() throws IOException;

    /** A scanner for the calling thread, for work done there (a record re-joined across chunks). */
    RecordScanner ownScanner();

    /** Gives back what a finished unit held, for reuse. */
    void recycle(Pending done);

    /** Bytes of the input read so far, for progress. */
    long bytesRead();

    long totalBytes();

    /** Lets go of what the workers held open, once no unit is read any more. */
    default void close() throws IOException {
        // nothing held
    }

    /**
     * A unit being scanned: a chunk of text, where {@code from} is where its records start and
     * {@code last} says whether the input ends with it; or a row group, with an empty chunk.
     */
    record Pending(InputChunks.Chunk chunk, int from, boolean last, Future<ChunkResult> result) { }
}
