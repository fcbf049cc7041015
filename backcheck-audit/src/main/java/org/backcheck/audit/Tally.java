package org.backcheck.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.backcheck.classify.Status;
import org.backcheck.report.AgeBand;
import org.backcheck.report.AppointmentMonth;

/**
 * Row counts by organisation (provider or commissioner), month of appointment and {@link AgeBand},
 * per status, kept while scanning. Keys are
 * looked up by their bytes so that the hot path makes no strings. One instance per chunk; merged
 * at the end.
 */
final class Tally {

    /** Months from January 1990 to December 2089; anything else (or unreadable) is "unknown". */
    static final int MONTHS = AppointmentMonth.UNKNOWN_SLOT;
    static final int UNKNOWN_MONTH = AppointmentMonth.UNKNOWN_SLOT;
    static final String UNKNOWN = AppointmentMonth.UNKNOWN;

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
        return AppointmentMonth.label(slot);
    }

    static int monthSlot(byte[] b, int off, int len) {
        return AppointmentMonth.slot(b, off, len);
    }
}
