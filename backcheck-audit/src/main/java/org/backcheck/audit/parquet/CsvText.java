package org.backcheck.audit.parquet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.parquet.io.api.Binary;

/**
 * Comma-separated text built up field by field in one growable byte array, quoted as RFC 4180
 * says: a field holding a comma, a double quote, CR or LF is enclosed in double quotes and its
 * quotes are doubled; every other field is written as it is. Records end in {@code \n}.
 */
final class CsvText {

    private final BinarySink binarySink = new BinarySink();
    private byte[] bytes;
    private int length;
    private boolean atRecordStart = true;

    CsvText(int capacity) {
        bytes = new byte[capacity];
    }

    int length() {
        return length;
    }

    byte[] bytes() {
        return bytes;
    }

    /** Forgets the first {@code n} bytes, which the reader has taken. */
    void drop(int n) {
        System.arraycopy(bytes, n, bytes, 0, length - n);
        length -= n;
    }

    /** An empty field: how a null is written. */
    void emptyField() {
        startField(0);
    }

    /** A field of text, quoted when it must be. */
    void field(byte[] b, int off, int len) {
        boolean quote = false;
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                quote = true;
                break;
            }
        }
        if (!quote) {
            startField(len);
            System.arraycopy(b, off, bytes, length, len);
            length += len;
            return;
        }
        startField(2 * len + 2);
        bytes[length++] = '"';
        for (int i = off; i < off + len; i++) {
            bytes[length++] = b[i];
            if (b[i] == '"') {
                bytes[length++] = '"';
            }
        }
        bytes[length++] = '"';
    }

    /** A field enclosed in double quotes whatever it holds. */
    void quotedField(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        startField(2 * b.length + 2);
        bytes[length++] = '"';
        for (byte c : b) {
            bytes[length++] = c;
            if (c == '"') {
                bytes[length++] = '"';
            }
        }
        bytes[length++] = '"';
    }

    /**
     * A field of a Parquet binary value's bytes. Through {@link Binary#writeTo(OutputStream)},
     * which hands over the bytes where they lie: no copy, no buffer object per value.
     */
    void field(Binary value) {
        binarySink.start();
        try {
            value.writeTo(binarySink);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the sink throws none
        }
        binarySink.finish();
    }

    void field(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        field(b, 0, b.length);
    }

    /** A field of a whole number in decimal. */
    void field(long value) {
        startField(20);
        appendDigits(value);
    }

    /**
     * Starts a field whose text follows through the {@code append} methods, which add no quoting:
     * for text made of digits, letters and {@code - : . + space} only. {@code room} is the
     * longest it can be.
     */
    void startField(int room) {
        ensure(room + 1);
        if (!atRecordStart) {
            bytes[length++] = ',';
        }
        atRecordStart = false;
    }

    void append(char ascii) {
        bytes[length++] = (byte) ascii;
    }

    /** {@code value} in decimal with at least {@code width} digits (zero-padded). */
    void appendPadded(long value, int width) {
        int start = length;
        appendDigits(value);
        int digits = length - start - (value < 0 ? 1 : 0);
        if (digits < width) {
            int shift = width - digits;
            int from = value < 0 ? start + 1 : start;
            System.arraycopy(bytes, from, bytes, from + shift, length - from);
            Arrays.fill(bytes, from, from + shift, (byte) '0');
            length += shift;
        }
    }

    void appendAscii(String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            bytes[length++] = (byte) ascii.charAt(i);
        }
    }

    void endRecord() {
        ensure(1);
        bytes[length++] = '\n';
        atRecordStart = true;
    }

    private void appendDigits(long value) {
        if (value == Long.MIN_VALUE) {
            appendAscii("-9223372036854775808");
            return;
        }
        if (value < 0) {
            bytes[length++] = '-';
            value = -value;
        }
        int start = length;
        do {
            bytes[length++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        for (int i = start, j = length - 1; i < j; i++, j--) {
            byte t = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = t;
        }
    }

    /** Takes the bytes of one binary value, in one piece (as parquet-mr writes them) or several. */
    private final class BinarySink extends OutputStream {
        private byte[] piece;
        private int pieceOffset;
        private int pieceLength;
        private byte[] joined = new byte[256];
        private int joinedLength;
        private int pieces;

        void start() {
            pieces = 0;
            joinedLength = 0;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (pieces == 1) {
                append(piece, pieceOffset, pieceLength);
            }
            if (pieces++ == 0) {
                piece = b;
                pieceOffset = off;
                pieceLength = len;
            } else {
                append(b, off, len);
            }
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        private void append(byte[] b, int off, int len) {
            if (joinedLength + len > joined.length) {
                joined = Arrays.copyOf(joined, Math.max(joined.length * 2, joinedLength + len));
            }
            System.arraycopy(b, off, joined, joinedLength, len);
            joinedLength += len;
        }

        void finish() {
            if (pieces == 1) {
                field(piece, pieceOffset, pieceLength);
            } else {
                field(joined, 0, joinedLength);
            }
            piece = null;
        }
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
