package org.backcheck.spark;

import org.backcheck.classify.Fields;

/**
 * Splits delimited text into records by the rules of the README ("Auditing an extract"), which the
 * single-machine audit follows: a field that starts with a double quote runs to the matching quote
 * ({@code ""} inside it is one quote) and may span lines; a quote anywhere else is an ordinary
 * character; a record ends at a line feed outside quotes (a CR before it is dropped); a line that is
 * empty is not a record. A record that cannot be read (text after a closing quote, a quote never
 * closed, the wrong number of fields) is still one record, with the reason.
 *
 * <p>The values of the columns the audit needs land in <em>slots</em>, which this parser offers to
 * the classifier as {@link Fields}. Works on a window {@code [p, end)} of a buffer: when the window
 * ends before the record does and more input may follow, the parser says so ({@link #INCOMPLETE})
 * and the caller reads on. Not thread-safe; one per task.
 */
final class RecordParser implements Fields {

    /** The window ended inside the record; read more and parse the record again. */
    static final int INCOMPLETE = -1;

    static final String NEVER_CLOSED = "a quoted field is never closed (the rest of the file is this one field)";

    private final byte delimiter;
    private final int columns;
    private final int[][] slotsOfColumn;
    private final byte[][] slotBytes;
    private final int[] slotOffset;
    private final int[] slotLength;
    private final byte[][] unquoted;

    private int fieldCount;
    private String malformed;

    /**
     * @param delimiter     the field delimiter
     * @param columns       how many fields a record must have (the header's column count)
     * @param slotsOfColumn for each header column, the slots its value goes to (often none)
     * @param slots         how many slots there are
     */
    RecordParser(byte delimiter, int columns, int[][] slotsOfColumn, int slots) {
        this.delimiter = delimiter;
        this.columns = columns;
        this.slotsOfColumn = slotsOfColumn;
        this.slotBytes = new byte[slots][];
        this.slotOffset = new int[slots];
        this.slotLength = new int[slots];
        this.unquoted = new byte[slots][];
        for (int i = 0; i < slots; i++) {
            slotBytes[i] = new byte[0];
            unquoted[i] = new byte[64];
        }
    }

    /**
     * How many bytes the blank line at {@code p} takes (a lone LF, CRLF, or a CR that ends the
     * input); 0 when a record starts at {@code p}; {@link #INCOMPLETE} when a CR ends the window.
     */
    static int blankLine(byte[] buf, int p, int end, boolean atEnd) {
        byte b = buf[p];
        if (b == '\n') {
            return 1;
        }
        if (b != '\r') {
            return 0;
        }
        if (p + 1 < end) {
            return buf[p + 1] == '\n' ? 2 : 0;
        }
        return atEnd ? 1 : INCOMPLETE;
    }

    /**
     * Parses the record that starts at {@code p}; returns the position after it, or
     * {@link #INCOMPLETE}. {@code atEnd}: nothing follows {@code end} in the input.
     */
    int record(byte[] buf, int p, int end, boolean atEnd) {
        return fields(buf, p, end, atEnd, false);
    }

    /**
     * Parses the rest of a record whose quoted field is open at {@code p} (as at the start of a
     * segment cut inside a quoted field); returns the position after the record, or
     * {@link #INCOMPLETE}. What the slots then hold is meaningless: only the position counts.
     */
    int restOfOpenRecord(byte[] buf, int p, int end, boolean atEnd) {
        return fields(buf, p, end, atEnd, true);
    }

    /** Why the record last parsed cannot be read, or null. */
    String malformed() {
        if (malformed == null && fieldCount != columns) {
            return "expected " + columns + " fields as in the header, found " + fieldCount;
        }
        return malformed;
    }

    private int fields(byte[] buf, int p, int end, boolean atEnd, boolean insideQuotes) {
        for (int i = 0; i < slotLength.length; i++) {
            slotLength[i] = 0;
        }
        malformed = null;
        int field = 0;
        boolean quoted = insideQuotes;
        while (true) {
            if (quoted || (p < end && buf[p] == '"')) {
                int from = quoted ? p : p + 1;
                quoted = false;
                boolean doubled = false;
                int q = from;
                while (true) {
                    if (q >= end) {
                        if (!atEnd) {
                            return INCOMPLETE;
                        }
                        set(field, buf, from, end, doubled);
                        fieldCount = field + 1;
                        malformed = NEVER_CLOSED;
                        return end;
                    }
                    if (buf[q] == '"') {
                        if (q + 1 < end && buf[q + 1] == '"') {
                            doubled = true;
                            q += 2;
                            continue;
                        }
                        if (q + 1 >= end && !atEnd) {
                            return INCOMPLETE; // the next byte may be the second quote of a pair
                        }
                        break;
                    }
                    q++;
                }
                set(field, buf, from, q, doubled);
                p = q + 1;
                if (p < end && buf[p] == delimiter) {
                    p++;
                    field++;
                    continue;
                }
                fieldCount = field + 1;
                return afterClosingQuote(buf, p, end, atEnd, field);
            }
            int s = p;
            while (p < end && buf[p] != delimiter && buf[p] != '\n') {
                p++;
            }
            if (p < end && buf[p] == delimiter) {
                set(field, buf, s, p, false);
                p++;
                field++;
                continue;
            }
            if (p >= end && !atEnd) {
                return INCOMPLETE;
            }
            set(field, buf, s, p > s && buf[p - 1] == '\r' ? p - 1 : p, false);
            fieldCount = field + 1;
            return p < end ? p + 1 : end;
        }
    }

    /** After a closing quote not followed by a delimiter: the line end, or (malformed) text up to it. */
    private int afterClosingQuote(byte[] buf, int p, int end, boolean atEnd, int field) {
        if (p >= end) {
            return atEnd ? end : INCOMPLETE;
        }
        if (buf[p] == '\n') {
            return p + 1;
        }
        if (buf[p] == '\r') {
            if (p + 1 >= end) {
                return atEnd ? end : INCOMPLETE;
            }
            if (buf[p + 1] == '\n') {
                return p + 2;
            }
        }
        int lineFeed = p;
        while (lineFeed < end && buf[lineFeed] != '\n') {
            lineFeed++;
        }
        if (lineFeed >= end && !atEnd) {
            return INCOMPLETE;
        }
        malformed = "text after the closing quote of column " + (field + 1);
        return lineFeed < end ? lineFeed + 1 : end;
    }

    private void set(int field, byte[] buf, int from, int to, boolean doubled) {
        if (field >= slotsOfColumn.length) {
            return;
        }
        for (int slot : slotsOfColumn[field]) {
            if (doubled) {
                setUndoubled(slot, buf, from, to);
            } else {
                slotBytes[slot] = buf;
                slotOffset[slot] = from;
                slotLength[slot] = to - from;
            }
        }
    }

    private void setUndoubled(int slot, byte[] buf, int from, int to) {
        byte[] out = unquoted[slot];
        if (out.length < to - from) {
            out = unquoted[slot] = new byte[to - from];
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
}
