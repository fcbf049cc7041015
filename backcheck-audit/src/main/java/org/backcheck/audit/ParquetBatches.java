package org.backcheck.audit;

import org.backcheck.extract.Header;
import org.backcheck.extract.SlotLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.backcheck.audit.Batches.Pending;
import org.backcheck.audit.parquet.ParquetExtract;
import org.backcheck.audit.parquet.PartReader;
import org.backcheck.audit.parquet.RowGroup;
import org.backcheck.audit.parquet.RowSink;

/**
 * A Parquet extract's row groups as units of work: each decoded on a worker straight into that
 * worker's scanner's slots (no CSV text in between), classified and tallied there. Row groups are
 * submitted in row order and their results taken back in that order, so the outputs are those of
 * reading the rows one after another.
 *
 * <p>Memory is bounded whatever the file says: a row group's results come back in slices of at most
 * {@link #SLICE_ROWS} rows (about what a 4 MiB chunk of text holds), and a worker decodes at most
 * {@link #SLICES_AHEAD} slices beyond the one the audit has taken, so that a tiny file whose one
 * row group repeats a row twenty million times holds no more matches at once than a text chunk
 * does; a page over the record limit is refused before it is decompressed.
 */
final class ParquetBatches implements Batches {

    private static final InputChunks.Chunk NO_TEXT = new InputChunks.Chunk(new byte[0], 0);

    /** Rows in one slice of a row group's results. */
    static final int SLICE_ROWS = 1 << 16;
    /** Slices a worker may have finished that the audit has not yet taken. */
    static final int SLICES_AHEAD = 2;

    private final ParquetExtract extract;
    private final ExecutorService pool;
    private final ThreadLocal<RecordScanner> scanners;
    private final Supplier<RecordScanner> newScanner;
    private final int[] slotOfColumn;
    private final int exclusions;
    /** Each worker's open file, and all of them, to close at the end. */
    private final ThreadLocal<PartReader> readers;
    private final List<PartReader> opened = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private long bytesRead;
    private long bytesSubmitted;
    /**
     * The slices of the row group last submitted, handed out one per {@link #next} and forgotten
     * here as they are (a finished slice holds its rows' results until the audit has taken it).
     */
    private Slice[] slices = new Slice[0];
    private int nextSlice;

    ParquetBatches(ParquetExtract extract, ExecutorService pool, ThreadLocal<RecordScanner> scanners,
                   Supplier<RecordScanner> newScanner, SlotLayout layout, int exclusions) {
        this.extract = extract;
        this.pool = pool;
        this.scanners = scanners;
        this.newScanner = newScanner;
        this.slotOfColumn = layout.firstSlotOfColumn();
        this.exclusions = exclusions;
        this.readers = ThreadLocal.withInitial(() -> {
            PartReader r = new PartReader();
            opened.add(r);
            return r;
        });
    }

    /**
     * The header the column names make, read as a CSV header line is (each name quoted, so that
     * only the comma splits it): the same checks, and the same names, as a CSV export's header.
     */
    static Header header(List<String> names, int maxRecordBytes) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                line.write(',');
            }
            byte[] name = names.get(i).replace("\"", "\"\"").getBytes(StandardCharsets.UTF_8);
            line.write('"');
            line.write(name, 0, name.length);
            line.write('"');
        }
        line.write('\n');
        byte[] b = line.toByteArray();
        return Header.read(b, 0, b.length, null, ExtractStart.headerLimit(maxRecordBytes));
    }

    @Override
    public Pending next() throws IOException {
        if (nextSlice == slices.length) {
            RowGroup group = extract.next();
            if (group == null) {
                return null;
            }
            bytesRead = bytesSubmitted;
            bytesSubmitted += group.bytes();
            slices = slicesOf(group.rows());
            nextSlice = 0;
            Slice[] ofGroup = slices.clone(); // the worker's own references, dropped as it completes each
            pool.execute(() -> scan(group, ofGroup));
        }
        Slice slice = slices[nextSlice];
        slices[nextSlice++] = null;
        return new Pending(NO_TEXT, 0, false, slice);
    }

    private static Slice[] slicesOf(long rows) {
        long count = Math.max(1, (rows + SLICE_ROWS - 1) / SLICE_ROWS);
        Semaphore room = new Semaphore(SLICES_AHEAD);
        Slice[] array = new Slice[(int) Math.min(count, Integer.MAX_VALUE - 8)];
        for (int i = 0; i < array.length; i++) {
            array[i] = new Slice(room);
        }
        return array;
    }

    /**
     * Decodes one row group on a worker, completing its slices in order; waits before starting a
     * slice while {@link #SLICES_AHEAD} finished ones are not yet taken. A failure completes the
     * slice in hand and every later one with it.
     */
    private void scan(RowGroup group, Slice[] ofGroup) {
        RecordScanner scanner = scanners.get();
        GroupScan rows = new GroupScan(ofGroup, scanner);
        try {
            rows.start();
            group.read(rows, readers.get());
            rows.finish();
        } catch (Throwable e) {
            rows.fail(e);
        } finally {
            scanner.letGo();
        }
    }

    /** One row group's rows into its slices, in order: what a worker holds while it decodes the group. */
    private final class GroupScan implements RowSink {
        private final Slice[] slices;
        private final RecordScanner scanner;
        private int at;
        private ChunkResult result;
        private int inSlice;

        GroupScan(Slice[] slices, RecordScanner scanner) {
            this.slices = slices;
            this.scanner = scanner;
        }

        void start() throws InterruptedException {
            slices[0].room.acquire();
            result = new ChunkResult(exclusions);
        }

        @Override
        public void row(byte[][] bytes, int[] offset, int[] length, boolean tooLong) {
            if (inSlice == SLICE_ROWS && at + 1 < slices.length) {
                completeNext(result);
                waitForRoom(slices[at]);
                result = new ChunkResult(exclusions);
                inSlice = 0;
            }
            int[] slotOf = slotOfColumn;
            for (int c = 0; c < slotOf.length; c++) {
                int slot = slotOf[c];
                if (slot >= 0) {
                    scanner.setSlot(slot, bytes[c], offset[c], length[c]);
                }
            }
            scanner.takeRecord(result, tooLong);
            inSlice++;
        }

        void finish() {
            completeNext(result);
            while (at < slices.length) {
                completeNext(new ChunkResult(exclusions)); // the footer promised more rows than came
            }
        }

        void fail(Throwable e) {
            while (at < slices.length) {
                take().completeExceptionally(e);
            }
        }

        /** Completes the next slice and forgets it, so that only the audit holds its results. */
        private void completeNext(ChunkResult done) {
            take().complete(done);
        }

        private Slice take() {
            Slice slice = slices[at];
            slices[at++] = null;
            return slice;
        }
    }

    private static void waitForRoom(Slice slice) {
        try {
            slice.room.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SliceInterrupted();
        }
    }

    /** The run stopped (the pool was shut down) while a worker waited to start a slice. */
    private static final class SliceInterrupted extends RuntimeException {
        SliceInterrupted() {
            super("interrupted: the audit stopped", null, false, false);
        }
    }

    /**
     * One slice of a row group's results. Taking it ({@link #get}, once, by the audit's thread)
     * makes room for the worker to decode one more.
     */
    private static final class Slice extends CompletableFuture<ChunkResult> {
        private final Semaphore room;
        private boolean taken;

        Slice(Semaphore room) {
            this.room = room;
        }

        @Override
        public ChunkResult get() throws InterruptedException, ExecutionException {
            try {
                return super.get();
            } finally {
                if (!taken) {
                    taken = true;
                    room.release();
                }
            }
        }
    }

    @Override
    public RecordScanner ownScanner() {
        return newScanner.get();
    }

    @Override
    public void recycle(Pending done) {
        // no buffers to give back
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public long totalBytes() {
        return extract.totalBytes();
    }

    /**
     * Closes the workers' files. After a failure a worker may still be reading one: it then fails
     * too, unheard, as the run is over.
     */
    @Override
    public void close() throws IOException {
        synchronized (opened) {
            for (PartReader r : opened) {
                r.shutDown();
            }
        }
    }
}
