package org.backcheck.audit;

import java.nio.charset.StandardCharsets;
import org.backcheck.classify.Classifier;
import org.backcheck.classify.Outcome;
import org.backcheck.classify.Status;
import org.backcheck.extract.Delimiter;
import org.backcheck.extract.RecordParser;
import org.backcheck.extract.SlotLayout;
import org.backcheck.measure.NullPolicy;
import org.backcheck.report.AgeBand;

/**
 * Scans a chunk of an extract: a {@link RecordParser} splits it into records and puts the fields the
 * audit needs into slots; this classifies each record and tallies it. One scanner per worker
 * thread: it reuses its buffers between records.
 */
final class RecordScanner {

    private final SlotLayout layout;
    private final RecordParser parser;
    private final Classifier classifier;
    private final NullPolicy policy;
    private final int maxRecordBytes;
    private final Classifier.Scratch classifierScratch;
    /** Whether records have a treatment function code to tally (the column is optional). */
    private final boolean bySpecialty;

    RecordScanner(SlotLayout layout, Classifier classifier, NullPolicy policy, Delimiter delimiter) {
        this(layout, classifier, policy, delimiter, AuditOptions.DEFAULT_MAX_RECORD_BYTES);
    }

    /** @param maxRecordBytes a longer record is rejected (see {@link #tooLong}) */
    RecordScanner(SlotLayout layout, Classifier classifier, NullPolicy policy, Delimiter delimiter, int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
        this.layout = layout;
        this.parser = new RecordParser(delimiter, layout);
        this.classifier = classifier;
        this.policy = policy;
        this.classifierScratch = classifier.newScratch();
        this.bySpecialty = layout.hasTreatmentFunction();
    }

    /**
     * Scans {@code buf[from, end)}; stops early, recording where, if the data ends inside a quoted
     * field (unless this is the last chunk, where that makes the record malformed). Kept small,
     * as are the methods it calls, so that the JIT compiles them early: a one-shot run spends a
     * large share of its time before the hot loop is compiled.
     */
    ChunkResult scan(byte[] buf, int from, int end, boolean lastChunk, int exclusionCount) {
        try {
            return scanRecords(buf, from, end, lastChunk, exclusionCount);
        } finally {
            parser.letGo(); // an idle worker keeps no chunk (up to --max-record-bytes) alive
        }
    }

    private ChunkResult scanRecords(byte[] buf, int from, int end, boolean lastChunk, int exclusionCount) {
        ChunkResult result = new ChunkResult(exclusionCount);
        int p = from;
        while (p < end) {
            int blank = RecordParser.blankLine(buf, p, end, lastChunk);
            if (blank > 0) {
                // Blank line (or a lone CR ending the file): not a record; counted so that every
                // line is accounted for.
                p += blank;
                result.blankLines++;
                continue;
            }
            int next = blank == RecordParser.INCOMPLETE ? RecordParser.INCOMPLETE : parser.record(buf, p, end, lastChunk);
            if (next == RecordParser.INCOMPLETE) {
                result.incompleteFrom = p;
                return result;
            }
            int length = next - p - (next > p && buf[next - 1] == '\n' ? 1 : 0);
            p = next;
            result.records++;
            String malformed;
            if (length > maxRecordBytes) {
                parser.clearSlots();
                malformed = tooLong(maxRecordBytes);
            } else {
                malformed = parser.malformed();
            }
            if (malformed != null) {
                reject(result, "(row)", malformed);
            } else {
                record(result);
            }
        }
        return result;
    }

    /**
     * For a reader that decodes fields itself (Parquet): slot {@code slot} holds
     * {@code bytes[offset, offset + length)} until the next record. The first slot of every column
     * read is set for each record; then {@link #takeRecord} classifies it.
     */
    void setSlot(int slot, byte[] bytes, int offset, int length) {
        parser.setSlot(slot, bytes, offset, length);
    }

    /**
     * Classifies and tallies the record whose slots {@link #setSlot} filled, as {@link #scan} does a
     * record it split; {@code tooLong} rejects it unread, as a record longer than --max-record-bytes.
     */
    void takeRecord(ChunkResult result, boolean tooLong) {
        result.records++;
        parser.completeRecord();
        if (tooLong) {
            rejectUnread(result);
        } else {
            record(result);
        }
    }

    /** Lets go of the buffers of the record last taken, as {@link #scan} does after a chunk. */
    void letGo() {
        parser.letGo();
    }

    /**
     * The reason a record longer than the limit is rejected with. Its fields are not read, so its id
     * is not shown either.
     */
    static String tooLong(int maxRecordBytes) {
        return "the record is longer than --max-record-bytes (" + ByteCount.text(maxRecordBytes) + "), so it was not read; "
                + "if such long records are real data, raise --max-record-bytes";
    }

    /**
     * {@code count} rows that the reader read past because each was longer than the limit: all
     * rejected, as rows without fields.
     */
    ChunkResult skipped(int count, int exclusionCount) {
        ChunkResult result = new ChunkResult(exclusionCount);
        for (int i = 0; i < count; i++) {
            result.records++;
            rejectUnread(result);
        }
        return result;
    }

    /** The current record, longer than the limit: rejected with no field read (so no id shown). */
    private void rejectUnread(ChunkResult result) {
        parser.clearSlots();
        reject(result, "(row)", tooLong(maxRecordBytes));
    }

    private void record(ChunkResult result) {
        Outcome outcome = classifier.classify(parser, policy, classifierScratch);
        Status status = outcome.status();
        result.statusCounts[status.ordinal()]++;
        AgeBand band = AgeBand.UNKNOWN;
        if (status != Status.REJECTED) {
            long age = classifier.rangeValue(classifierScratch);
            if (age != Classifier.NO_VALUE) {
                band = AgeBand.of(age);
            }
        }
        tally(result, band, status);
        if (status == Status.REJECTED) {
            result.addRejection(text(layout.idSlot()), outcome);
        } else if (status != Status.UNMATCHED) {
            result.addMatch(text(layout.idSlot()), outcome, classifier.measure().exclusions());
        }
    }

    private void reject(ChunkResult result, String field, String reason) {
        result.statusCounts[Status.REJECTED.ordinal()]++;
        // A record whose fields cannot be lined up with the header has no trustworthy provider,
        // commissioner or date: its fields may be shifted, so it is tallied under "unknown".
        parser.clear(layout.providerSlot());
        parser.clear(layout.commissionerSlot());
        parser.clear(layout.dateSlot());
        parser.clear(layout.treatmentFunctionSlot());
        tally(result, AgeBand.UNKNOWN, Status.REJECTED);
        result.rejections.add(new ChunkResult.Rejection(localRow(result), text(layout.idSlot()), field, reason));
    }

    private void tally(ChunkResult result, AgeBand band, Status status) {
        int date = layout.dateSlot();
        int month = parser.length(date) == 0 ? Tally.UNKNOWN_MONTH
                : Tally.monthSlot(parser.bytes(date), parser.offset(date), parser.length(date));
        tallyBy(result.providers, layout.providerSlot(), month, band, status);
        tallyBy(result.commissioners, layout.commissionerSlot(), month, band, status);
        if (bySpecialty) {
            tallyBy(result.specialties, layout.treatmentFunctionSlot(), month, band, status);
        }
    }

    private void tallyBy(Tally tally, int slot, int month, AgeBand band, Status status) {
        if (parser.length(slot) == 0) {
            tally.add(EMPTY, 0, 0, month, band, status);
        } else {
            tally.add(parser.bytes(slot), parser.offset(slot), parser.length(slot), month, band, status);
        }
    }

    private static final byte[] EMPTY = new byte[0];

    private static int localRow(ChunkResult result) {
        return (int) result.records;
    }

    private String text(int slot) {
        int len = parser.length(slot);
        return len == 0 ? "" : new String(parser.bytes(slot), parser.offset(slot), len, StandardCharsets.UTF_8).strip();
    }
}
