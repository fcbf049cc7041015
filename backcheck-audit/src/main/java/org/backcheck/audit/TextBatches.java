package org.backcheck.audit;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.backcheck.audit.Batches.Pending;

/** Delimited text in chunks of whole lines, the first holding the header before its records. */
final class TextBatches implements Batches {

    private final InputChunks chunks;
    private final ExtractStart start;
    private final ExecutorService pool;
    private final ThreadLocal<RecordScanner> scanners;
    private final Supplier<RecordScanner> newScanner;
    private final int exclusions;
    private boolean started;

    TextBatches(InputChunks chunks, ExtractStart start, ExecutorService pool, ThreadLocal<RecordScanner> scanners,
                Supplier<RecordScanner> newScanner, int exclusions) {
        this.chunks = chunks;
        this.start = start;
        this.pool = pool;
        this.scanners = scanners;
        this.newScanner = newScanner;
        this.exclusions = exclusions;
    }

    @Override
    public Pending next() throws IOException {
        if (!started) {
            started = true;
            return submit(start.first(), start.dataStart());
        }
        InputChunks.Chunk chunk = chunks.next();
        return chunk == null ? null : submit(chunk, 0);
    }

    private Pending submit(InputChunks.Chunk c, int from) {
        boolean last = chunks.exhausted();
        return new Pending(c, from, last, pool.submit(() -> scanners.get().scan(c.bytes(), from, c.length(), last, exclusions)));
    }

    @Override
    public RecordScanner ownScanner() {
        return newScanner.get();
    }

    @Override
    public void recycle(Pending done) {
        chunks.recycle(done.chunk().bytes());
    }

    @Override
    public long bytesRead() {
        return chunks.bytesRead();
    }

    @Override
    public long totalBytes() {
        return chunks.totalBytes();
    }
}
