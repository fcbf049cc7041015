package org.backcheck.audit.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes delimited records as bytes, quoting as RFC 4180 says: a field that holds the delimiter,
 * a double quote, CR or LF is enclosed in double quotes and its quotes are doubled. A field is
 * built up with the {@code add} methods and finished with {@link #end()} (quoted only when it must
 * be) or {@link #endQuoted()} (always quoted, as some exporters do). Lines end in {@code \n}.
 *
 * <p>Everything goes through one byte buffer: no {@code String} per field, no encoder on the hot
 * path. Callers add ASCII only; {@link #add(String)} encodes anything else as UTF-8.
 */
final class RecordWriter {

    private final OutputStream out;
    private final byte delimiter;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private byte[] field = new byte[256];
    private int fieldLength;
    private boolean atRecordStart = true;

    RecordWriter(OutputStream out, char delimiter) {
        this.out = out;
        this.delimiter = (byte) delimiter;
    }

    RecordWriter add(byte[] bytes) {
        ensureField(bytes.length);
        System.arraycopy(bytes, 0, field, fieldLength, bytes.length);
        fieldLength += bytes.length;
        return this;
    }

    RecordWriter add(char ascii) {
        ensureField(1);
        field[fieldLength++] = (byte) ascii;
        return this;
    }

    RecordWriter add(String text) {
        return add(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Appends a whole number in decimal. */
    RecordWriter add(long value) {
        if (value < 0) {
            add('-');
            value = -value;
        }
        ensureField(20);
        int start = fieldLength;
        do {
            field[fieldLength++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        for (int i = start, j = fieldLength - 1; i < j; i++, j--) {
            byte t = field[i];
            field[i] = field[j];
            field[j] = t;
        }
        return this;
    }

    /** Finishes the field, quoting it only if its content requires. */
    void end() throws IOException {
        boolean quote = false;
        for (int i = 0; i < fieldLength; i++) {
            byte b = field[i];
            if (b == delimiter || b == '"' || b == '\n' || b == '\r') {
                quote = true;
                break;
            }
        }
        finish(quote);
    }

    /** Finishes the field enclosed in double quotes whatever it holds. */
    void endQuoted() throws IOException {
        finish(true);
    }

    /** Writes an empty field. */
    void empty() throws IOException {
        fieldLength = 0;
        finish(false);
    }

    void endRecord() throws IOException {
        room(1);
        buffer[position++] = '\n';
        atRecordStart = true;
    }

    /** Writes out everything buffered; does not close the stream. */
    void flush() throws IOException {
        out.write(buffer, 0, position);
        position = 0;
        out.flush();
    }

    private void finish(boolean quote) throws IOException {
        room(2 * fieldLength + 3);
        if (!atRecordStart) {
            buffer[position++] = delimiter;
        }
        atRecordStart = false;
        if (!quote) {
            System.arraycopy(field, 0, buffer, position, fieldLength);
            position += fieldLength;
        } else {
            buffer[position++] = '"';
            for (int i = 0; i < fieldLength; i++) {
                byte b = field[i];
                buffer[position++] = b;
                if (b == '"') {
                    buffer[position++] = '"';
                }
            }
            buffer[position++] = '"';
        }
        fieldLength = 0;
    }

    private void room(int bytes) throws IOException {
        if (position + bytes > buffer.length) {
            out.write(buffer, 0, position);
            position = 0;
            if (bytes > buffer.length) {
                throw new IllegalStateException("field too long to buffer: " + bytes + " bytes");
            }
        }
    }

    private void ensureField(int more) {
        if (fieldLength + more > field.length) {
            field = java.util.Arrays.copyOf(field, Math.max(field.length * 2, fieldLength + more));
        }
    }
}
