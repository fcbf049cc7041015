package org.backcheck.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.backcheck.classify.Classifier;
import org.backcheck.classify.Fields;
import org.backcheck.classify.Outcome;
import org.backcheck.classify.Status;
import org.backcheck.measure.NullPolicy;

/**
 * Splits a chunk into records (RFC 4180: a field that starts with a double quote runs to the
 * matching quote, {@code ""} inside it is one quote, and it may span lines; a quote elsewhere is an
 * ordinary character), picks out the fields the audit needs, classifies each record and tallies
 * it. One scanner per worker thread: it reuses its buffers between records.
 */
final class RecordScanner implements Fields {

    /** Slot layout: the measure's columns first (the classifier's field order), then these. */
    private final int idSlot;
    private final int providerSlot;
    private final int dateSlot;
    private final int commissionerSlot;

    private final Layout layout;
    private final Classifier classifier;
    private final NullPolicy policy;
    private final byte delimiter;
    private final int maxRecordBytes;

    private final byte[][] slotBytes;
    private final int[] slotOffset;
    private final int[] slotLength;
    private final byte[][] scratch;
    private final Classifier.Scratch classifierScratch;

    /**
     * Which header column feeds which slot. A column that feeds two slots (an id column that is
     * also a measure column, say) feeds the first through {@code slotOfColumn} and the others by
     * copying: slot {@code aliasTo[i]} gets what slot {@code aliasFrom[i]} got.
     */
    record Layout(int[] slotOfColumn, int columnCount, int slots, int[] aliasFrom, int[] aliasTo) {
        Layout(int[] slotOfColumn, int columnCount, int slots) {
            this(slotOfColumn, columnCount, slots, new int[0], new int[0]);
        }
    }

    RecordScanner(Layout layout, Classifier classifier, NullPolicy policy, byte delimiter) {
        this(layout, classifier, policy, delimiter, AuditOptions.DEFAULT_MAX_RECORD_BYTES);
    }

    /** @param maxRecordBytes a longer record is rejected (see {@link #tooLong}) */
    RecordScanner(Layout layout, Classifier classifier, NullPolicy policy, byte delimiter, int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
        this.layout = layout;
        this.classifier = classifier;
        this.policy = policy;
        this.delimiter = delimiter;
        int k = classifier.columns().size();
        this.idSlot = k;
        this.providerSlot = k + 1;
        this.dateSlot = k + 2;
        this.commissionerSlot = k + 3;
        this.slotBytes = new byte[layout.slots()][];
        this.slotOffset = new int[layout.slots()];
        this.slotLength = new int[layout.slots()];
        this.scratch = new byte[layout.slots()][];
        for (int i = 0; i < scratch.length; i++) {
            scratch[i] = new byte[256];
        }
        this.classifierScratch = classifier.newScratch();
    }

    static int measureSlots(Classifier classifier) {
        return classifier.columns().size() + 4;
    }

    static int idSlot(Classifier c) {
        return c.columns().size();
    }

    static int providerSlot(Classifier c) {
        return c.columns().size() + 1;
    }

    static int dateSlot(Classifier c) {
        return c.columns().size() + 2;
    }

    static int commissionerSlot(Classifier c) {
        return c.columns().size() + 3;
    }

    @Override
    public byte[] bytes(int field) {
        return slotBytes[field];
    }

    @Override
    public int offset(int field) {
        return slotOffset[field];
    }

    @Override
    public int length(int field) {
        return slotLength[field];
    }

    /** Result of {@link #parseRecord} when the data ends inside a quoted field. */
    private static final int INCOMPLETE = -1;

    /** Set by {@link #parseRecord}: the record's field count, and why it cannot be read (or null). */
    private int fieldCount;
    private String malformed;

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
            letGo();
        }
    }

    /**
     * Drops what refers to the chunk just scanned, and any scratch grown for a long field, so that
     * an idle worker does not keep a chunk (up to --max-record-bytes) alive.
     */
    void letGo() {
        Arrays.fill(slotBytes, null);
        for (int i = 0; i < scratch.length; i++) {
            if (scratch[i].length > 1 << 16) {
                scratch[i] = new byte[256];
            }
        }
    }

    private ChunkResult scanRecords(byte[] buf, int from, int end, boolean lastChunk, int exclusionCount) {
        ChunkResult result = new ChunkResult(exclusionCount);
        int columns = layout.columnCount();
        int p = from;
        while (p < end) {
            byte b = buf[p];
            if (b == '\n' || (b == '\r' && (p + 1 < end ? buf[p + 1] == '\n' : lastChunk))) {
                // Blank line (or a lone CR ending the file): not a record; counted so that every
                // line is accounted for.
                p += b == '\n' || p + 1 == end ? 1 : 2;
                result.blankLines++;
                continue;
            }
            int next = parseRecord(buf, p, end, lastChunk);
            if (next == INCOMPLETE) {
                result.incompleteFrom = p;
                return result;
            }
            int length = next - p - (next > p && buf[next - 1] == '\n' ? 1 : 0);
            p = next;
            result.records++;
            copyAliases();
            if (length > maxRecordBytes) {
                clearSlots();
                malformed = tooLong(maxRecordBytes);
            } else if (malformed == null && fieldCount != columns) {
                malformed = "expected " + columns + " fields as in the header, found " + fieldCount;
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
     * Splits one record starting at {@code p} into the slots; returns the position after its line
     * feed (or {@code end}), or {@link #INCOMPLETE}. Written for the C1 compiler the launcher uses
     * (see the launcher): one loop over locals, no calls on the common path.
     */
    private int parseRecord(byte[] buf, int p, int end, boolean lastChunk) {
        int[] offsets = slotOffset;
        int[] lengths = slotLength;
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = 0;
        }
        malformed = null;
        int[] slotOf = layout.slotOfColumn();
        int mapped = slotOf.length;
        byte d = delimiter;
        int field = 0;
        while (p < end) {
            int slot = field < mapped ? slotOf[field] : -1;
            if (buf[p] == '"') {
                p = quotedField(buf, p, end, lastChunk, slot);
                if (p == INCOMPLETE) {
                    return INCOMPLETE;
                }
                if (p < end && buf[p] == d) {
                    p++;
                    field++;
                    continue;
                }
                p = afterQuotedField(buf, p, end, field);
                break;
            }
            int s = p;
            byte b = 0;
            while (p < end) {
                b = buf[p];
                if (b == d || b == '\n') {
                    break;
                }
                p++;
            }
            if (p < end && b == d) {
                if (slot >= 0) {
                    if (slotBytes[slot] != buf) {
                        slotBytes[slot] = buf; // a store only when the buffer changes: no GC card mark per field
                    }
                    offsets[slot] = s;
                    lengths[slot] = p - s;
                }
                p++;
                field++;
                continue;
            }
            if (slot >= 0) {
                int e = p > s && buf[p - 1] == '\r' ? p - 1 : p; // CRLF line end
                if (slotBytes[slot] != buf) {
                    slotBytes[slot] = buf;
                }
                offsets[slot] = s;
                lengths[slot] = e - s;
            }
            break;
        }
        fieldCount = field + 1;
        return p < end ? p + 1 : end;
    }

    /**
     * For a reader that decodes fields itself (Parquet): slot {@code slot} holds
     * {@code bytes[offset, offset + length)}, until the next record. Every slot a column feeds is set
     * for each record; then {@link #takeRecord} classifies it.
     */
    void setSlot(int slot, byte[] bytes, int offset, int length) {
        slotBytes[slot] = bytes;
        slotOffset[slot] = offset;
        slotLength[slot] = length;
    }

    /**
     * Classifies and tallies the record whose slots {@link #setSlot} filled, as {@link #scan} does
     * one it split; {@code tooLong} rejects it unread, as a record longer than --max-record-bytes.
     */
    void takeRecord(ChunkResult result, boolean tooLong) {
        result.records++;
        copyAliases();
        if (tooLong) {
            clearSlots();
            reject(result, "(row)", tooLong(maxRecordBytes));
        } else {
            record(result);
        }
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
            clearSlots();
            result.records++;
            reject(result, "(row)", tooLong(maxRecordBytes));
        }
        return result;
    }

    private void clearSlots() {
        Arrays.fill(slotLength, 0);
    }

    private void copyAliases() {
        int[] from = layout.aliasFrom();
        int[] to = layout.aliasTo();
        for (int i = 0; i < from.length; i++) {
            slotBytes[to[i]] = slotBytes[from[i]];
            slotOffset[to[i]] = slotOffset[from[i]];
            slotLength[to[i]] = slotLength[from[i]];
        }
    }

    /** After a quoted field that is not followed by a delimiter: the line end, or malformed text. */
    private int afterQuotedField(byte[] buf, int p, int end, int field) {
        if (p < end && buf[p] != '\n' && !(buf[p] == '\r' && (p + 1 >= end || buf[p + 1] == '\n'))) {
            malformed = "text after the closing quote of column " + (field + 1);
            while (p < end && buf[p] != '\n') {
                p++;
            }
        } else if (p < end && buf[p] == '\r') {
            p++;
        }
        return p;
    }

    /**
     * A field that starts with a quote at {@code p}: fills the slot (undoubling quotes) and returns
     * the position after the closing quote, or {@link #INCOMPLETE}.
     */
    private int quotedField(byte[] buf, int p, int end, boolean lastChunk, int slot) {
        int q = p + 1;
        boolean escaped = false;
        while (true) {
            if (q >= end) {
                if (!lastChunk) {
                    return INCOMPLETE;
                }
                malformed = "a quoted field is never closed (the rest of the file is this one field)";
                break;
            }
            if (buf[q] == '"') {
                if (q + 1 < end && buf[q + 1] == '"') {
                    escaped = true;
                    q += 2;
                    continue;
                }
                break;
            }
            q++;
        }
        if (slot >= 0) {
            setQuoted(slot, buf, p + 1, Math.min(q, end), escaped);
        }
        return Math.min(q + 1, end);
    }

    private void setQuoted(int slot, byte[] buf, int from, int to, boolean escaped) {
        if (!escaped) {
            slotBytes[slot] = buf;
            slotOffset[slot] = from;
            slotLength[slot] = to - from;
            return;
        }
        byte[] out = scratch[slot];
        if (out.length < to - from) {
            out = scratch[slot] = new byte[to - from];
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            out[n++] = buf[i];
            if (buf[i] == '"' && i + 1 < to && buf[i + 1] == '"') {
                i++;
            }
        }
        slotBytes[slot] = out;
        slotOffset[slot] = 0;
        slotLength[slot] = n;
    }

    private void record(ChunkResult result) {
        Outcome outcome = classifier.classify(this, policy, classifierScratch);
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
            result.addRejection(text(idSlot), outcome);
        } else if (status != Status.UNMATCHED) {
            result.addMatch(text(idSlot), outcome, classifier.measure().exclusions());
        }
    }

    private void reject(ChunkResult result, String field, String reason) {
        result.statusCounts[Status.REJECTED.ordinal()]++;
        // A record whose fields cannot be lined up with the header has no trustworthy provider,
        // commissioner or date: its fields may be shifted, so it is tallied under "unknown".
        slotLength[providerSlot] = 0;
        slotLength[commissionerSlot] = 0;
        slotLength[dateSlot] = 0;
        tally(result, AgeBand.UNKNOWN, Status.REJECTED);
        result.rejections.add(new ChunkResult.Rejection(localRow(result), text(idSlot), field, reason));
    }

    private void tally(ChunkResult result, AgeBand band, Status status) {
        int month = slotLength[dateSlot] == 0 ? Tally.UNKNOWN_MONTH
                : Tally.monthSlot(slotBytes[dateSlot], slotOffset[dateSlot], slotLength[dateSlot]);
        tallyBy(result.providers, providerSlot, month, band, status);
        tallyBy(result.commissioners, commissionerSlot, month, band, status);
    }

    private void tallyBy(Tally tally, int slot, int month, AgeBand band, Status status) {
        if (slotLength[slot] == 0) {
            tally.add(EMPTY, 0, 0, month, band, status);
        } else {
            tally.add(slotBytes[slot], slotOffset[slot], slotLength[slot], month, band, status);
        }
    }

    private static final byte[] EMPTY = new byte[0];

    private static int localRow(ChunkResult result) {
        return (int) result.records;
    }

    private String text(int slot) {
        int len = slotLength[slot];
        return len == 0 ? "" : new String(slotBytes[slot], slotOffset[slot], len, StandardCharsets.UTF_8).strip();
    }
}
