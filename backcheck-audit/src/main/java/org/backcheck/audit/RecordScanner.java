package org.backcheck.audit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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

    private final Layout layout;
    private final Classifier classifier;
    private final NullPolicy policy;
    private final byte delimiter;

    private final byte[][] slotBytes;
    private final int[] slotOffset;
    private final int[] slotLength;
    private final byte[][] scratch;
    private final Classifier.Scratch classifierScratch;
    private final long delimiterWord;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LINE_FEEDS = ONES * '\n';

    /** Which header columns feed which slot, and what the other columns are called. */
    record Layout(int[] slotOfColumn, int columnCount, int slots) { }

    RecordScanner(Layout layout, Classifier classifier, NullPolicy policy, byte delimiter) {
        this.layout = layout;
        this.classifier = classifier;
        this.policy = policy;
        this.delimiter = delimiter;
        int k = classifier.columns().size();
        this.idSlot = k;
        this.providerSlot = k + 1;
        this.dateSlot = k + 2;
        this.slotBytes = new byte[layout.slots()][];
        this.slotOffset = new int[layout.slots()];
        this.slotLength = new int[layout.slots()];
        this.scratch = new byte[layout.slots()][];
        for (int i = 0; i < scratch.length; i++) {
            scratch[i] = new byte[256];
        }
        this.classifierScratch = classifier.newScratch();
        this.delimiterWord = ONES * (delimiter & 0xff);
    }

    /**
     * The end of an unquoted field starting at {@code p}: the first delimiter or line feed at or
     * after it, or {@code end}. Reads eight bytes at a time (bytes past {@code end} in the array
     * may be read, never used).
     */
    private int fieldEnd(byte[] buf, int p, int end) {
        int lastWord = buf.length - 8;
        while (p <= lastWord) {
            long w = (long) LONGS.get(buf, p);
            long d = w ^ delimiterWord;
            long n = w ^ LINE_FEEDS;
            long found = ((d - ONES) & ~d | (n - ONES) & ~n) & HIGHS;
            if (found != 0) {
                return Math.min(p + (Long.numberOfTrailingZeros(found) >>> 3), end);
            }
            p += 8;
            if (p >= end) {
                return end;
            }
        }
        while (p < end && buf[p] != delimiter && buf[p] != '\n') {
            p++;
        }
        return p;
    }

    static int measureSlots(Classifier classifier) {
        return classifier.columns().size() + 3;
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

    /** Scans {@code buf[from, end)}; stops early, recording where, if the data ends inside a quoted field. */
    ChunkResult scan(byte[] buf, int from, int end, boolean lastChunk, int exclusionCount) {
        ChunkResult result = new ChunkResult(exclusionCount);
        int[] slotOf = layout.slotOfColumn();
        int p = from;
        while (p < end) {
            // Blank line: not a record; counted so that every line is accounted for.
            if (buf[p] == '\n' || (buf[p] == '\r' && p + 1 < end && buf[p + 1] == '\n')) {
                p += buf[p] == '\n' ? 1 : 2;
                result.blankLines++;
                continue;
            }
            int recordStart = p;
            Arrays.fill(slotLength, 0);
            int field = 0;
            String malformed = null;
            while (true) {
                if (p >= end) {
                    break; // the file ends with a delimiter: the last field is empty
                }
                int slot = field < slotOf.length ? slotOf[field] : -1;
                if (buf[p] == '"') {
                    int q = p + 1;
                    boolean escaped = false;
                    while (true) {
                        if (q >= end) {
                            if (lastChunk) {
                                malformed = "a quoted field is never closed (the rest of the file is this one field)";
                                q = end;
                                break;
                            }
                            result.incompleteFrom = recordStart;
                            return result;
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
                    p = Math.min(q + 1, end);
                    if (p < end && buf[p] == delimiter) {
                        p++;
                        field++;
                        continue;
                    }
                    if (p < end && buf[p] != '\n' && !(buf[p] == '\r' && (p + 1 >= end || buf[p + 1] == '\n'))) {
                        malformed = "text after the closing quote of column " + (field + 1);
                        while (p < end && buf[p] != '\n') {
                            p++;
                        }
                    } else if (p < end && buf[p] == '\r') {
                        p++;
                    }
                    break;
                }
                int s = p;
                p = fieldEnd(buf, p, end);
                if (slot >= 0) {
                    int e = p;
                    if (e > s && buf[e - 1] == '\r' && (p >= end || buf[p] == '\n')) {
                        e--;
                    }
                    if (slotBytes[slot] != buf) {
                        slotBytes[slot] = buf; // a store only when the buffer changes: no GC card mark per field
                    }
                    slotOffset[slot] = s;
                    slotLength[slot] = e - s;
                }
                if (p < end && buf[p] == delimiter) {
                    p++;
                    field++;
                    continue;
                }
                break;
            }
            if (p < end) {
                p++; // the line feed
            }
            result.records++;
            int fields = field + 1;
            if (malformed == null && fields != layout.columnCount()) {
                malformed = "expected " + layout.columnCount() + " fields as in the header, found " + fields;
            }
            if (malformed != null) {
                reject(result, "(row)", malformed);
                continue;
            }
            record(result);
        }
        return result;
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
        tally(result, status);
        switch (status) {
            case UNMATCHED -> { }
            case REJECTED -> {
                StringBuilder fields = new StringBuilder();
                StringBuilder reasons = new StringBuilder();
                for (Outcome.Problem problem : outcome.problems()) {
                    if (fields.length() > 0) {
                        fields.append(';');
                        reasons.append("; ");
                    }
                    fields.append(problem.field());
                    reasons.append(problem.reason());
                }
                result.rejections.add(new ChunkResult.Rejection(localRow(result), text(idSlot), fields.toString(), reasons.toString()));
            }
            default -> {
                if (outcome.policySensitive()) {
                    result.policySensitive++;
                }
                boolean otherCounts = outcome.policySensitive() ? status != Status.COUNTED : status == Status.COUNTED;
                if (otherCounts) {
                    result.otherPolicyCounted++;
                } else {
                    result.otherPolicyExcluded++;
                }
                for (String reason : outcome.reasons()) {
                    result.excludedByReason[exclusionIndex(reason)]++;
                }
                result.matches.add(new ChunkResult.Match(localRow(result), text(idSlot), status,
                        String.join(";", outcome.reasons()), String.join(";", outcome.matchedCodes())));
            }
        }
    }

    private void reject(ChunkResult result, String field, String reason) {
        result.statusCounts[Status.REJECTED.ordinal()]++;
        tally(result, Status.REJECTED);
        result.rejections.add(new ChunkResult.Rejection(localRow(result), text(idSlot), field, reason));
    }

    private void tally(ChunkResult result, Status status) {
        int month = slotLength[dateSlot] == 0 ? Tally.UNKNOWN_MONTH
                : Tally.monthSlot(slotBytes[dateSlot], slotOffset[dateSlot], slotLength[dateSlot]);
        if (slotLength[providerSlot] == 0) {
            result.tally.add(EMPTY, 0, 0, month, status);
        } else {
            result.tally.add(slotBytes[providerSlot], slotOffset[providerSlot], slotLength[providerSlot], month, status);
        }
    }

    private static final byte[] EMPTY = new byte[0];

    private int exclusionIndex(String reason) {
        var exclusions = classifier.measure().exclusions();
        for (int i = 0; i < exclusions.size(); i++) {
            if (exclusions.get(i).name().equals(reason)) {
                return i;
            }
        }
        throw new IllegalStateException("unknown exclusion " + reason);
    }

    private static int localRow(ChunkResult result) {
        return (int) result.records;
    }

    private String text(int slot) {
        int len = slotLength[slot];
        return len == 0 ? "" : new String(slotBytes[slot], slotOffset[slot], len, StandardCharsets.UTF_8).strip();
    }
}
