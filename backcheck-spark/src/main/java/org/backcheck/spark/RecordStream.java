package org.backcheck.spark;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.backcheck.extract.RecordParser;
import org.backcheck.extract.UnreadableExtractException;

/**
 * Records read one at a time from a stream of delimited text, through a {@link RecordParser}, with
 * memory for the record being read and little more. Blank lines are skipped and counted.
 */
final class RecordStream {

    /**
     * How far one record may run before the input is refused, as in the single-machine audit: a
     * quote that is never closed would otherwise make the rest of a large file one record, held in
     * memory whole.
     */
    static final int MAX_RECORD = 64 << 20;

    private final InputStream in;
    private final RecordParser parser;
    private byte[] buf = new byte[1 << 20];
    private int pos;
    private int limit;
    private boolean atEnd;
    private long blankLines;
    private long records;

    RecordStream(InputStream in, RecordParser parser) {
        this.in = in;
        this.parser = parser;
    }

    /**
     * Reads the next record into the parser; false at the end of the input.
     *
     * @param rowBefore the data row number before this stream's first record, for an error message
     */
    boolean next(long rowBefore) throws IOException {
        while (true) {
            if (pos >= limit) {
                if (atEnd) {
                    return false;
                }
                fill(rowBefore);
                continue;
            }
            int blank = RecordParser.blankLine(buf, pos, limit, atEnd);
            if (blank == RecordParser.INCOMPLETE) {
                fill(rowBefore);
                continue;
            }
            if (blank > 0) {
                pos += blank;
                blankLines++;
                continue;
            }
            int next = parser.record(buf, pos, limit, atEnd);
            if (next == RecordParser.INCOMPLETE) {
                fill(rowBefore);
                continue;
            }
            pos = next;
            records++;
            return true;
        }
    }

    long blankLines() {
        return blankLines;
    }

    long records() {
        return records;
    }

    /** Keeps the unread bytes, reads more after them; refuses a record that has run on too far. */
    private void fill(long rowBefore) throws IOException {
        int kept = limit - pos;
        if (kept > MAX_RECORD) {
            throw new UnreadableExtractException("data row " + (rowBefore + records + 1) + " has a quoted field that runs on"
                    + " over more than " + (MAX_RECORD >> 20) + " MiB of lines: a closing quote is probably missing");
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, kept);
            pos = 0;
            limit = kept;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.readNBytes(buf, limit, buf.length - limit);
        limit += n;
        if (limit < buf.length) {
            atEnd = true; // readNBytes stops short only at the end of the stream
        }
    }
}
