package org.backcheck.classify;

/**
 * Reads a whole number the way an integer column of an extract holds one: optional spaces, an
 * optional sign, digits within SQL Server's {@code int} range. Nothing (or only spaces) is NULL.
 * Anything else cannot be read: such a value could not exist in the column the script reads.
 */
final class WholeNumber {

    private WholeNumber() {
    }

    /** Stores the value (or NULL) at {@code index}; returns null, or why the field cannot be read. */
    static String parse(byte[] b, int off, int len, long[] values, boolean[] nulls, int index) {
        // Fast path: one to three digits, nothing else (almost every age).
        if (len > 0 && len <= 3) {
            int v = 0;
            int k = off;
            for (; k < off + len; k++) {
                int d = b[k] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                v = v * 10 + d;
            }
            if (k == off + len) {
                values[index] = v;
                nulls[index] = false;
                return null;
            }
        }
        int i = off;
        int end = off + len;
        while (i < end && b[i] == ' ') {
            i++;
        }
        while (end > i && b[end - 1] == ' ') {
            end--;
        }
        if (i == end) {
            nulls[index] = true;
            return null;
        }
        boolean negative = false;
        if (b[i] == '+' || b[i] == '-') {
            negative = b[i] == '-';
            i++;
        }
        int digits = end - i;
        if (digits == 0) {
            return "not a whole number";
        }
        if (digits > 18) {
            return "number too long";
        }
        long v = 0;
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return "not a whole number";
            }
            v = v * 10 + d;
        }
        long value = negative ? -v : v;
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            return "outside the range of a whole-number column";
        }
        values[index] = value;
        nulls[index] = false;
        return null;
    }
}
