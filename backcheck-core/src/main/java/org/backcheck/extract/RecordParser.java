package org.backcheck.extract;

import org.backcheck.classify.Fields;

/**
 * Splits delimited text into records (RFC 4180, with the README's reading of it, "Auditing an
 * extract"): a field that starts with a double quote runs to the matching quote ({@code ""} inside
 * it is one quote) and may span lines; a quote anywhere else is an ordinary character; a record ends
 * at a line feed outside quotes (a CR before it is dropped); a line that is empty is not a record
 * ({@link #blankLine}). A record that cannot be read (text after a closing quote, a quote never
 * closed, the wrong number of fields) is still one record, with the reason ({@link #malformed()}).
 *
 * <p>The parser only finds records and fields: the values of the columns a {@link SlotLayout} names
 * land in slots, which it offers as {@link Fields}; what is done with them (classifying, tallying)
 * is the caller's. It works on a window {@code [p, end)} of a buffer: when the window ends before
 * the record does and more input may follow, it says so ({@link #INCOMPLETE}) and the caller reads
 * on and parses the record again. Not thread-safe: one per thread; it reuses its buffers.
 */
public final class RecordParser implements Fields {

    /** The window ended inside the record; read more and parse the record again. */
    public static final int INCOMPLETE = -1;

    public static final String NEVER_CLOSED = "a quoted field is never closed (the rest of the file is this one field)";

    private static final byte[] EMPTY = new byte[0];

    private final byte delimiter;
    private final int columns;
    private final int[] slotOf;
    private final int[][] copies;
    private final byte[][] slotBytes;
    private final int[] slotOffset;
    private final int[] slotLength;
    private final byte[][] unquoted;

    private int fieldCount;
    private String malformed;

    public RecordParser(Delimiter delimiter, SlotLayout layout) {
        this.delimiter = delimiter.symbol();
        this.columns = layout.columnCount();
        this.slotOf = layout.firstSlotOfColumn();
        this.copies = layout.copies();
        int slots = layout.slots();
        this.slotBytes = new byte[slots][];
        this.slotOffset = new int[slots];
        this.slotLength = new int[slots];
        this.unquoted = new byte[slots][];
        for (int i = 0; i < slots; i++) {
            slotBytes[i] = EMPTY;
            unquoted[i] = new byte[256];
        }
    }

    /**
     * How many bytes the blank line at {@code p} takes (a lone LF, CRLF, or a CR that ends the
     * input); 0 when a record starts at {@code p}; {@link #INCOMPLETE} when a CR ends the window.
     */
    public static int blankLine(byte[] buf, int p, int end, boolean atEnd) {
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
     * Parses the record that starts at {@code p} into the slots; returns the position after it
     * (after its line feed, or {@code end}), or {@link #INCOMPLETE}. {@code atEnd}: nothing follows
     * {@code end} in the input.
     */
    public int record(byte[] buf, int p, int end, boolean atEnd) {
        int next = fields(buf, p, end, atEnd, false);
        if (next != INCOMPLETE && copies.length > 0) {
            copy();
        }
        return next;
    }

    /**
     * Parses the rest of a record whose quoted field is open at {@code p} (as at the start of a
     * segment cut inside a quoted field); returns the position after the record, or
     * {@link #INCOMPLETE}. What the slots then hold is meaningless: only the position counts.
     */
    public int restOfOpenRecord(byte[] buf, int p, int end, boolean atEnd) {
        return fields(buf, p, end, atEnd, true);
    }

    /**
     * For a reader that decodes fields itself (Parquet): slot {@code slot} holds
     * {@code bytes[offset, offset + length)} until the next record. Set the first slot of each
     * column read (the layout's {@link SlotLayout#firstSlotOfColumn}), then call
     * {@link #completeRecord}.
     */
    public void setSlot(int slot, byte[] bytes, int offset, int length) {
        slotBytes[slot] = bytes;
        slotOffset[slot] = offset;
        slotLength[slot] = length;
    }

    /** After {@link #setSlot}: fills the further slots a column feeds, as {@link #record} does. */
    public void completeRecord() {
        if (copies.length > 0) {
            copy();
        }
    }

    /** Why the record last parsed cannot be read, or null. */
    public String malformed() {
        if (malformed == null && fieldCount != columns) {
            return "expected " + columns + " fields as in the header, found " + fieldCount;
        }
        return malformed;
    }

    /** Empties every slot (a record whose fields are not to be read). */
    public void clearSlots() {
        java.util.Arrays.fill(slotLength, 0);
    }

    /** Empties one slot. */
    public void clear(int slot) {
        slotLength[slot] = 0;
    }

    /**
     * Drops what refers to the buffer last parsed, and any scratch grown for a long field, so that
     * an idle parser does not keep a large buffer alive.
     */
    public void letGo() {
        for (int i = 0; i < slotBytes.length; i++) {
            slotBytes[i] = EMPTY;
            slotLength[i] = 0;
            if (unquoted[i].length > 1 << 16) {
                unquoted[i] = new byte[256];
            }
        }
    }

    /**
     * The record's fields into the slots. One loop over locals, no calls on the common path (an
     * unquoted field), so that the JIT compiles it early: a one-shot run spends a large share of its
     * time before the hot loop is compiled.
     */
    private int fields(byte[] buf, int p, int end, boolean atEnd, boolean insideQuotes) {
        int[] lengths = slotLength;
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = 0;
        }
        malformed = null;
        int[] slotOf = this.slotOf;
        int mapped = slotOf.length;
        byte d = delimiter;
        int field = 0;
        if (insideQuotes) {
            p = quotedField(buf, p, end, atEnd, -1, false);
            if (p == INCOMPLETE) {
                return INCOMPLETE;
            }
            if (p < end && buf[p] == d) {
                p++;
                field++;
            } else {
                return afterClosingQuote(buf, p, end, atEnd, field);
            }
        }
        while (true) {
            int slot = field < mapped ? slotOf[field] : -1;
            if (p < end && buf[p] == '"') {
                p = quotedField(buf, p + 1, end, atEnd, slot, true);
                if (p == INCOMPLETE) {
                    return INCOMPLETE;
                }
                if (p < end && buf[p] == d) {
                    p++;
                    field++;
                    continue;
                }
                return afterClosingQuote(buf, p, end, atEnd, field);
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
                    slotOffset[slot] = s;
                    lengths[slot] = p - s;
                }
                p++;
                field++;
                continue;
            }
            if (p >= end && !atEnd) {
                return INCOMPLETE;
            }
            if (slot >= 0) {
                int e = p > s && buf[p - 1] == '\r' ? p - 1 : p; // CRLF line end
                if (slotBytes[slot] != buf) {
                    slotBytes[slot] = buf;
                }
                slotOffset[slot] = s;
                lengths[slot] = e - s;
            }
            fieldCount = field + 1;
            return p < end ? p + 1 : end;
        }
    }

    /**
     * The inside of a quoted field from {@code from} (just after its opening quote): fills the slot
     * (undoubling quotes) and returns the position after the closing quote, or {@link #INCOMPLETE}.
     * A field never closed before the end of the input takes the rest of it, and makes the record
     * malformed. {@code opened}: the opening quote is at {@code from - 1} in this window.
     */
    private int quotedField(byte[] buf, int from, int end, boolean atEnd, int slot, boolean opened) {
        int q = from;
        boolean doubled = false;
        while (true) {
            if (q >= end) {
                if (!atEnd) {
                    return INCOMPLETE;
                }
                malformed = NEVER_CLOSED;
                break;
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
        if (slot >= 0) {
            set(slot, buf, from, Math.min(q, end), doubled);
        }
        return Math.min(q + 1, end);
    }

    /** After a closing quote not followed by a delimiter: the line end, or (malformed) text up to it. */
    private int afterClosingQuote(byte[] buf, int p, int end, boolean atEnd, int field) {
        fieldCount = field + 1;
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
        if (malformed == null) {
            malformed = "text after the closing quote of column " + (field + 1);
        }
        return lineFeed < end ? lineFeed + 1 : end;
    }

    private void set(int slot, byte[] buf, int from, int to, boolean doubled) {
        if (!doubled) {
            slotBytes[slot] = buf;
            slotOffset[slot] = from;
            slotLength[slot] = to - from;
            return;
        }
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

    private void copy() {
        for (int[] c : copies) {
            slotBytes[c[1]] = slotBytes[c[0]];
            slotOffset[c[1]] = slotOffset[c[0]];
            slotLength[c[1]] = slotLength[c[0]];
        }
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
