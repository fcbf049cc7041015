package org.backcheck.extract.parquet;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The UTF-8 text of one value, built up in a growable byte array that is reused from value to
 * value: {@link #clear()}, then the {@code append} methods. Not thread-safe; one per reader.
 */
public final class TextBuffer {

    private byte[] bytes = new byte[64];
    private int length;

    /** Forgets the text, keeping the array. */
    public void clear() {
        length = 0;
    }

    /** The array holding the text in {@code [0, length())}; valid until the next change. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return length;
    }

    public void append(char ascii) {
        ensure(1);
        bytes[length++] = (byte) ascii;
    }

    public void appendAscii(String ascii) {
        ensure(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            bytes[length++] = (byte) ascii.charAt(i);
        }
    }

    public void append(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        append(b, 0, b.length);
    }

    public void append(byte[] b, int offset, int count) {
        ensure(count);
        System.arraycopy(b, offset, bytes, length, count);
        length += count;
    }

    /** A whole number in decimal. */
    public void appendDigits(long value) {
        ensure(20);
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

    /** {@code value} in decimal with at least {@code width} digits, zero-padded after any minus sign. */
    public void appendPadded(long value, int width) {
        ensure(20 + width);
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

    /** The text as a string (decoded as UTF-8). */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
