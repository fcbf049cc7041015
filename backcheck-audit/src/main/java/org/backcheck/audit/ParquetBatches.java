package org.backcheck.audit;

import org.backcheck.extract.Header;
import org.backcheck.extract.SlotLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.backcheck.audit.Batches.Pending;
import org.backcheck.audit.parquet.ParquetExtract;
import org.backcheck.audit.parquet.PartReader;
import org.backcheck.audit.parquet.RowGroup;

/**
 * A Parquet extract's row groups as units of work: each decoded on a worker straight into that
 * worker's scanner's slots (no CSV text in between), classified and tallied there. Row groups are
 * submitted in row order and their results taken back in that order, so the outputs are those of
 * reading the rows one after another. Memory is bounded as for text: a handful of row groups in
 * flight, and a page over the record limit refused before it is decompressed.
 */
final class ParquetBatches implements Batches {

    private static final InputChunks.Chunk NO_TEXT = new InputChunks.Chunk(new byte[0], 0);

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
        RowGroup group = extract.next();
        if (group == null) {
            return null;
        }
        bytesRead = bytesSubmitted;
        bytesSubmitted += group.bytes();
        return new Pending(NO_TEXT, 0, false, pool.submit(() -> scan(group)));
    }

    private ChunkResult scan(RowGroup group) throws IOException {
        RecordScanner scanner = scanners.get();
        ChunkResult result = new ChunkResult(exclusions);
        int[] slotOf = slotOfColumn;
        try {
            group.read((bytes, offset, length, tooLong) -> {
                for (int c = 0; c < slotOf.length; c++) {
                    int slot = slotOf[c];
                    if (slot >= 0) {
                        scanner.setSlot(slot, bytes[c], offset[c], length[c]);
                    }
                }
                scanner.takeRecord(result, tooLong);
            }, readers.get());
        } finally {
            scanner.letGo();
        }
        return result;
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
                r.close();
            }
        }
    }
}
