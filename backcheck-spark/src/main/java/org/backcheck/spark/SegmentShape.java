package org.backcheck.spark;

import java.io.Serializable;
import org.backcheck.extract.RecordParser;

/**
 * What one segment of a CSV file holds, worked out before anything is classified. A segment is a
 * run of whole lines; its first line may begin a record, or may continue a quoted field that an
 * earlier line opened (a field may hold line breaks), and nothing inside the segment tells which.
 * So each segment is read both ways, and the file's segments are then chained in order: the first
 * begins a record, and each one's end says how the next begins. The right reading of every segment
 * then gives which records it owns (those that start in it) and how many, hence the row numbers.
 *
 * @param file          the file's position in the input's list of files
 * @param start         the segment's first byte in the file (a line start)
 * @param end           the byte after its last line
 * @param atRecordStart the segment read as if its first line began a record
 * @param inOpenField   the segment read as if its first line continued an open quoted field
 */
record SegmentShape(int file, long start, long end, Reading atRecordStart, Reading inOpenField) implements Serializable {

    /**
     * One way of reading a segment.
     *
     * @param records      records that start in the segment
     * @param firstRecord  where the first of them (or a blank line) may start: the segment's start, or
     *                     just after the record carried on from before; -1 when that record runs
     *                     through the whole segment
     * @param endsInRecord the segment ends inside a record (inside a quoted field), which the next segment continues
     */
    record Reading(long records, long firstRecord, boolean endsInRecord) implements Serializable {
    }

    /**
     * Reads {@code buf[from, to)} both ways. {@code atEnd}: the segment ends the file. Positions in
     * the result are {@code base} plus offsets from {@code from}.
     */
    static SegmentShape of(int file, long base, byte[] buf, int from, int to, boolean atEnd, RecordParser parser) {
        Cursor fresh = new Cursor(from);
        int restart = parser.restOfOpenRecord(buf, from, to, atEnd);
        Cursor open = new Cursor(restart == RecordParser.INCOMPLETE ? to : restart);
        if (restart == RecordParser.INCOMPLETE) {
            open.done = true;
            open.endsInRecord = true;
        }
        while (!fresh.done || !open.done) {
            if (!fresh.done && !open.done && fresh.pos == open.pos) {
                // The two readings meet at a record start: from here on they are one reading.
                long freshBefore = fresh.records;
                while (!fresh.done) {
                    fresh.step(buf, to, atEnd, parser);
                }
                open.records += fresh.records - freshBefore;
                open.endsInRecord = fresh.endsInRecord;
                open.done = true;
                break;
            }
            if (!fresh.done && (open.done || fresh.pos < open.pos)) {
                fresh.step(buf, to, atEnd, parser);
            } else {
                open.step(buf, to, atEnd, parser);
            }
        }
        Reading a = new Reading(fresh.records, base, fresh.endsInRecord);
        Reading b = new Reading(open.records, restart == RecordParser.INCOMPLETE ? -1 : base + (restart - from),
                open.endsInRecord);
        return new SegmentShape(file, base, base + (to - from), a, b);
    }

    /** A position in the segment under one reading, moved on one record (or blank line) at a time. */
    private static final class Cursor {
        int pos;
        long records;
        boolean done;
        boolean endsInRecord;

        Cursor(int pos) {
            this.pos = pos;
        }

        void step(byte[] buf, int end, boolean atEnd, RecordParser parser) {
            if (pos >= end) {
                done = true;
                return;
            }
            int blank = RecordParser.blankLine(buf, pos, end, atEnd);
            if (blank > 0) {
                pos += blank;
                return;
            }
            if (blank == RecordParser.INCOMPLETE) {
                throw new IllegalStateException("a segment must end after a line feed or at the end of the file");
            }
            records++;
            int next = parser.record(buf, pos, end, atEnd);
            if (next == RecordParser.INCOMPLETE) {
                // A segment ends after a line feed, so a record still open there is inside a quoted field.
                endsInRecord = true;
                done = true;
                pos = end;
                return;
            }
            pos = next;
        }
    }
}
