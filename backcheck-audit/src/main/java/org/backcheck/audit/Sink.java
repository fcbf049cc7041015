package org.backcheck.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.backcheck.audit.Batches.Pending;
import org.backcheck.extract.UnreadableExtractException;
import org.backcheck.report.CsvOut;

/** Takes chunk results in file order, writes their rows and adds them up. */
final class Sink {
    private final Writer matches;
    private final Writer rejected;
    private final Totals totals;
    private final RecordScanner ownScanner;
    private final int exclusions;
    private final int maxRecordBytes;
    private final int maxOpenRecord;
    private byte[] tail;          // an unfinished record carried from the previous chunk

    /**
     * @param exclusions     how many exclusions the measure has
     * @param maxRecordBytes --max-record-bytes, named in the message about a record left open by skipped lines
     * @param maxOpenRecord  how far an unfinished record may be carried from one chunk to the next
     */
    Sink(Writer matches, Writer rejected, Totals totals, RecordScanner ownScanner, int exclusions, int maxRecordBytes,
         int maxOpenRecord) {
        this.matches = matches;
        this.rejected = rejected;
        this.totals = totals;
        this.ownScanner = ownScanner;
        this.exclusions = exclusions;
        this.maxRecordBytes = maxRecordBytes;
        this.maxOpenRecord = maxOpenRecord;
    }

    void take(Pending p) throws IOException {
        ChunkResult r;
        InputChunks.Chunk chunk = p.chunk();
        int from = p.from();
        if (chunk.skippedBefore() > 0) {
            // Lines longer than the record limit, read past: rejected rows, unless they were
            // inside a record a quoted field had left open, which cannot be ended anywhere sure.
            if (tail != null) {
                throw openRecord(maxRecordBytes);
            }
            add(ownScanner.skipped(chunk.skippedBefore(), exclusions));
        }
        if (tail != null) {
            // The speculative scan started inside a quoted field: join and scan here instead.
            p.result().cancel(false);
            chunk = chunk.prependedWith(tail, tail.length);
            from = 0;
            tail = null;
            r = scanHere(chunk, from, p.last());
        } else {
            r = await(p.result());
        }
        add(r);
        if (r.incompleteFrom >= 0) {
            if (chunk.length() - r.incompleteFrom > maxOpenRecord) {
                throw openRecord(maxOpenRecord);
            }
            tail = java.util.Arrays.copyOfRange(chunk.bytes(), r.incompleteFrom, chunk.length());
        }
    }

    private UnreadableExtractException openRecord(int limit) {
        return new UnreadableExtractException("data row " + (totals.records + 1) + " has a quoted field that runs on over "
                + "more than " + ByteCount.text(limit) + " of lines (--max-record-bytes): a closing quote is probably "
                + "missing. If the record is real, raise --max-record-bytes");
    }

    void finish() throws IOException {
        if (tail != null) {
            // Unreachable in practice: the last chunk is scanned with last=true and never leaves a tail.
            ChunkResult r = scanHere(new InputChunks.Chunk(tail, tail.length), 0, true);
            tail = null;
            add(r);
        }
    }

    private ChunkResult scanHere(InputChunks.Chunk chunk, int from, boolean last) {
        return ownScanner.scan(chunk.bytes(), from, chunk.length(), last, exclusions);
    }

    private void add(ChunkResult r) throws IOException {
        long base = totals.records;
        for (ChunkResult.Match m : r.matches) {
            matches.write(Long.toString(base + m.row()));
            matches.write(',');
            matches.write(CsvOut.text(m.id()));
            matches.write(',');
            matches.write(m.status().id());
            matches.write(',');
            matches.write(CsvOut.text(m.reason()));
            matches.write(',');
            matches.write(CsvOut.text(m.codes()));
            matches.write('\n');
        }
        for (ChunkResult.Rejection j : r.rejections) {
            rejected.write(Long.toString(base + j.row()));
            rejected.write(',');
            rejected.write(CsvOut.text(j.id()));
            rejected.write(',');
            rejected.write(CsvOut.text(j.field()));
            rejected.write(',');
            rejected.write(CsvOut.text(j.reason()));
            rejected.write('\n');
            totals.rejectionKinds.add(j.field(), j.reason());
        }
        totals.records += r.records;
        totals.matchLines += r.matches.size();
        totals.rejectionLines += r.rejections.size();
        totals.blankLines += r.blankLines;
        totals.policySensitive += r.policySensitive;
        totals.otherCounted += r.otherPolicyCounted;
        totals.otherExcluded += r.otherPolicyExcluded;
        for (int i = 0; i < r.statusCounts.length; i++) {
            totals.statusCounts[i] += r.statusCounts[i];
        }
        for (int i = 0; i < r.excludedByReason.length; i++) {
            totals.excludedByReason[i] += r.excludedByReason[i];
        }
        r.providers.mergeInto(totals.byProviderMonth);
        r.commissioners.mergeInto(totals.byCommissionerMonth);
        r.specialties.mergeInto(totals.bySpecialtyMonth);
    }

private static ChunkResult await(Future<ChunkResult> f) throws IOException {
    try {
        return f.get();
    } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) {
            throw re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        if (cause instanceof IOException io) {
            throw io; // a Parquet row group that cannot be read: as when the calling thread reads
        }
        throw new UncheckedIOException(new IOException(cause));
    }
}
}
