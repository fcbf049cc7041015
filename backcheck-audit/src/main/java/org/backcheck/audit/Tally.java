package org.backcheck.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.backcheck.classify.Status;

/**
 * Row counts by organisation (provider or commissioner), month of appointment and {@link AgeBand},
 * per status, kept while scanning. Keys are
 * looked up by their bytes so that the hot path makes no strings. One instance per chunk; merged
 * at the end.
 */
final class Tally {

    /** Months from January 1990 to December 2089; anything else (or unreadable) is "unknown". */
    static final int FIRST_YEAR = 1990;
    static final int MONTHS = 100 * 12;
    static final int UNKNOWN_MONTH = MONTHS;
    static final String UNKNOWN = "unknown";

    static final int STATUSES = Status.values().length;
    static final int CELLS = AgeBand.values().length * STATUSES;

    /** Entries: an organisation's bytes and its counts, by month slot, then age band × status. */
    private byte[][] names = new byte[16][];
    private long[][][] counts = new long[16][][];
    private int entries;

    /** Index for keys of up to 7 bytes, packed into a long (length + 1 in the top byte; 0 = empty). */
    private long[] packedKeys = new long[64];
    private int[] packedEntry = new int[64];
    private int packedSize;

    /** Index for longer keys (rare: trust and site codes are 3 to 5 characters). */
    private final java.util.HashMap<String, Integer> longKeys = new java.util.HashMap<>();

    /** The last short key looked up and its entry: extracts are often sorted by organisation. */
    private long lastKey;
    private int lastEntry;

    /** Adds one row of the given status. An empty organisation is counted under "unknown". */
    void add(byte[] b, int off, int len, int monthSlot, AgeBand band, Status status) {
        int entry;
        if (len <= 7) {
            long key = packedKey(b, off, len);
            if (key == lastKey) {
                entry = lastEntry;
            } else {
                entry = packedEntry(key, b, off, len);
                lastKey = key;
                lastEntry = entry;
            }
        } else {
            entry = longEntry(b, off, len);
        }
        long[][] byMonth = counts[entry];
        long[] c = byMonth[monthSlot];
        if (c == null) {
            c = byMonth[monthSlot] = new long[CELLS];
        }
        c[band.ordinal() * STATUSES + status.ordinal()]++;
    }

    /**
     * Up to 7 bytes and the length in one long (length + 1 in the top byte, so never 0). Unrolled for
     * the common lengths (trust codes have 3 characters, sites and sub-ICB locations 5): the launcher
     * runs the C1 compiler, which does not unroll loops itself (measured: the audit about 6% faster).
     */
    private static long packedKey(byte[] b, int off, int len) {
        long key = (long) (len + 1) << 56;
        switch (len) {
            case 3:
                return key | (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (long) (b[off + 2] & 0xff) << 16;
            case 5:
                return key | (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (long) (b[off + 2] & 0xff) << 16
                        | (long) (b[off + 3] & 0xff) << 24 | (long) (b[off + 4] & 0xff) << 32;
            default:
                for (int i = 0; i < len; i++) {
                    key |= (long) (b[off + i] & 0xff) << (8 * i);
                }
                return key;
        }
    }

    private int packedEntry(long key, byte[] b, int off, int len) {
        long[] keys = packedKeys;
        int mask = keys.length - 1;
        int i = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
        while (keys[i] != 0) {
            if (keys[i] == key) {
                return packedEntry[i];
            }
            i = (i + 1) & mask;
        }
        int entry = newEntry(b, off, len);
        keys[i] = key;
        packedEntry[i] = entry;
        if (++packedSize * 2 > keys.length) {
            long[] oldKeys = packedKeys;
            int[] oldEntries = packedEntry;
            packedKeys = new long[oldKeys.length * 2];
            packedEntry = new int[oldKeys.length * 2];
            int m = packedKeys.length - 1;
            for (int k = 0; k < oldKeys.length; k++) {
                if (oldKeys[k] != 0) {
                    int j = Long.hashCode(oldKeys[k] * 0x9E3779B97F4A7C15L) & m;
                    while (packedKeys[j] != 0) {
                        j = (j + 1) & m;
                    }
                    packedKeys[j] = oldKeys[k];
                    packedEntry[j] = oldEntries[k];
                }
            }
        }
        return entry;
    }

    private int longEntry(byte[] b, int off, int len) {
        String key = new String(b, off, len, StandardCharsets.ISO_8859_1);
        Integer entry = longKeys.get(key);
        if (entry == null) {
            entry = newEntry(b, off, len);
            longKeys.put(key, entry);
        }
        return entry;
    }

    private int newEntry(byte[] b, int off, int len) {
        if (entries == names.length) {
            names = Arrays.copyOf(names, entries * 2);
            counts = Arrays.copyOf(counts, entries * 2);
        }
        names[entries] = Arrays.copyOfRange(b, off, off + len);
        counts[entries] = new long[MONTHS + 1][];
        return entries++;
    }

    /**
     * Adds this tally into {@code into}: organisation (trimmed, upper-cased, "unknown" when empty) to month to
     * counts indexed {@code band.ordinal() * STATUSES + status.ordinal()}.
     */
    void mergeInto(Map<String, Map<String, long[]>> into) {
        for (int k = 0; k < entries; k++) {
            // NHS organisation codes are upper case; "rxh" and "RXH" are one organisation.
            String org = new String(names[k], StandardCharsets.UTF_8).strip().toUpperCase(java.util.Locale.ROOT);
            if (org.isEmpty()) {
                org = UNKNOWN;
            }
            Map<String, long[]> months = into.computeIfAbsent(org, p -> new TreeMap<>());
            for (int m = 0; m <= MONTHS; m++) {
                long[] c = counts[k][m];
                if (c != null) {
                    // Entries differing only in case merge here.
                    long[] total = months.computeIfAbsent(monthLabel(m), x -> new long[CELLS]);
                    for (int s = 0; s < c.length; s++) {
                        total[s] += c[s];
                    }
                }
            }
        }
    }

    /** Sums counts indexed by band × status (as {@link #mergeInto} makes them) into counts by status. */
    static long[] byStatus(long[] cells) {
        long[] s = new long[STATUSES];
        for (int i = 0; i < cells.length; i++) {
            s[i % STATUSES] += cells[i];
        }
        return s;
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
     * {@code yyyyMMdd} (a time part after the date is ignored), or {@link #UNKNOWN_MONTH} when it is
     * none of these or not a real date (30 February, 31 April).
     */
    static int monthSlot(byte[] b, int off, int len) {
        if (len == 10 && b[off + 4] == '-' && b[off + 7] == '-' && digit(b[off]) && digit(b[off + 1])
                && digit(b[off + 2]) && digit(b[off + 3]) && digit(b[off + 5]) && digit(b[off + 6])
                && digit(b[off + 8]) && digit(b[off + 9])) {
            // The usual ISO date, without loops.
            int y = (b[off] - '0') * 1000 + (b[off + 1] - '0') * 100 + (b[off + 2] - '0') * 10 + (b[off + 3] - '0');
            int m = (b[off + 5] - '0') * 10 + (b[off + 6] - '0');
            int d = (b[off + 8] - '0') * 10 + (b[off + 9] - '0');
            return y >= FIRST_YEAR && y < FIRST_YEAR + 100 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
                    ? (y - FIRST_YEAR) * 12 + m - 1 : UNKNOWN_MONTH;
        }
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
        if (year < FIRST_YEAR || year >= FIRST_YEAR + 100 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) {
            return UNKNOWN_MONTH;
        }
        return (year - FIRST_YEAR) * 12 + month - 1;
    }

    /** Days in the month: an impossible date such as 30 February is not a date at all. */
    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
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
