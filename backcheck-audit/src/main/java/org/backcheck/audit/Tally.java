package org.backcheck.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.backcheck.classify.Status;

/**
 * Row counts by provider and month of appointment, per status, kept while scanning. Keys are
 * looked up by their bytes so that the hot path makes no strings. One instance per chunk; merged
 * at the end.
 */
final class Tally {

    /** Months from January 1990 to December 2089; anything else (or unreadable) is "unknown". */
    static final int FIRST_YEAR = 1990;
    static final int MONTHS = 100 * 12;
    static final int UNKNOWN_MONTH = MONTHS;
    static final String UNKNOWN = "unknown";

    private byte[][] keys = new byte[64][];
    private long[][][] counts = new long[64][][];
    private int size;

    /** Adds one row of the given status. An empty provider is counted under "unknown". */
    void add(byte[] b, int off, int len, int monthSlot, Status status) {
        int slot = slotFor(b, off, len);
        long[][] byMonth = counts[slot];
        long[] c = byMonth[monthSlot];
        if (c == null) {
            c = byMonth[monthSlot] = new long[Status.values().length];
        }
        c[status.ordinal()]++;
    }

    private int slotFor(byte[] b, int off, int len) {
        int h = 1;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + b[i];
        }
        int mask = keys.length - 1;
        int i = (h ^ (h >>> 16)) & mask;
        while (keys[i] != null) {
            if (Arrays.equals(keys[i], 0, keys[i].length, b, off, off + len)) {
                return i;
            }
            i = (i + 1) & mask;
        }
        if (size * 2 >= keys.length) {
            grow();
            return slotFor(b, off, len);
        }
        keys[i] = Arrays.copyOfRange(b, off, off + len);
        counts[i] = new long[MONTHS + 1][];
        size++;
        return i;
    }

    private void grow() {
        byte[][] oldKeys = keys;
        long[][][] oldCounts = counts;
        keys = new byte[oldKeys.length * 2][];
        counts = new long[oldKeys.length * 2][][];
        size = 0;
        for (int k = 0; k < oldKeys.length; k++) {
            if (oldKeys[k] != null) {
                int slot = slotFor(oldKeys[k], 0, oldKeys[k].length);
                counts[slot] = oldCounts[k];
            }
        }
    }

    /** Adds this tally into {@code into}: provider (trimmed, "unknown" when empty) to month to counts. */
    void mergeInto(Map<String, Map<String, long[]>> into) {
        for (int k = 0; k < keys.length; k++) {
            if (keys[k] == null) {
                continue;
            }
            String provider = new String(keys[k], StandardCharsets.UTF_8).strip();
            if (provider.isEmpty()) {
                provider = UNKNOWN;
            }
            Map<String, long[]> months = into.computeIfAbsent(provider, p -> new TreeMap<>());
            for (int m = 0; m <= MONTHS; m++) {
                long[] c = counts[k][m];
                if (c != null) {
                    long[] total = months.computeIfAbsent(monthLabel(m), x -> new long[Status.values().length]);
                    for (int s = 0; s < c.length; s++) {
                        total[s] += c[s];
                    }
                }
            }
        }
    }

    static String monthLabel(int slot) {
        if (slot == UNKNOWN_MONTH) {
            return UNKNOWN;
        }
        int year = FIRST_YEAR + slot / 12;
        int month = slot % 12 + 1;
        return year + (month < 10 ? "-0" : "-") + month;
    }

    /**
     * The month slot of an appointment date written {@code yyyy-MM-dd}, {@code dd/MM/yyyy},
     * {@code yyyyMMdd} (a time part after the date is ignored), or {@link #UNKNOWN_MONTH}.
     */
    static int monthSlot(byte[] b, int off, int len) {
        while (len > 0 && b[off] == ' ') {
            off++;
            len--;
        }
        int year;
        int month;
        int day;
        if (len >= 10 && b[off + 4] == '-' && b[off + 7] == '-') {
            year = digits(b, off, 4);
            month = digits(b, off + 5, 2);
            day = digits(b, off + 8, 2);
        } else if (len >= 10 && b[off + 2] == '/' && b[off + 5] == '/') {
            day = digits(b, off, 2);
            month = digits(b, off + 3, 2);
            year = digits(b, off + 6, 4);
        } else if (len >= 8 && (len == 8 || b[off + 8] == ' ' || b[off + 8] == 'T')) {
            year = digits(b, off, 4);
            month = digits(b, off + 4, 2);
            day = digits(b, off + 6, 2);
        } else {
            return UNKNOWN_MONTH;
        }
        if (year < FIRST_YEAR || year >= FIRST_YEAR + 100 || month < 1 || month > 12 || day < 1 || day > 31) {
            return UNKNOWN_MONTH;
        }
        return (year - FIRST_YEAR) * 12 + month - 1;
    }

    private static int digits(byte[] b, int off, int n) {
        int v = 0;
        for (int i = off; i < off + n; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
