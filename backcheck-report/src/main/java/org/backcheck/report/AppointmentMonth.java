package org.backcheck.report;

/**
 * The month of an appointment date, as every engine groups by it: {@code yyyy-MM-dd},
 * {@code dd/MM/yyyy} or {@code yyyyMMdd} (leading spaces and a time part after the date ignored), a
 * day that exists in that month, years 1990 to 2089. Months are numbered ("slots") from January 1990
 * (0) to December 2089, labelled {@code yyyy-MM}; anything else is {@link #UNKNOWN_SLOT}, labelled
 * {@code unknown}. Used by the single-machine audit and the Spark job alike.
 */
public final class AppointmentMonth {

    static final int FIRST_YEAR = 1990;
    private static final int YEARS = 100;
    /** The last year read (2089). */
    static final int LAST_YEAR = FIRST_YEAR + YEARS - 1;
    /** The slot of a date with no month. */
    public static final int UNKNOWN_SLOT = YEARS * 12;
    public static final String UNKNOWN = "unknown";
    private static final String[] LABELS = new String[UNKNOWN_SLOT + 1];

    static {
        for (int i = 0; i < UNKNOWN_SLOT; i++) {
            int year = FIRST_YEAR + i / 12;
            int month = i % 12 + 1;
            LABELS[i] = year + (month < 10 ? "-0" : "-") + month;
        }
        LABELS[UNKNOWN_SLOT] = UNKNOWN;
    }

    private AppointmentMonth() {
    }

    /** The label of a slot: {@code yyyy-MM}, or {@code unknown}. */
    public static String label(int slot) {
        return LABELS[slot];
    }

    /**
     * The month slot of an appointment date written {@code yyyy-MM-dd}, {@code dd/MM/yyyy},
     * {@code yyyyMMdd} (a time part after the date is ignored), or {@link #UNKNOWN_SLOT} when it is
     * none of these or not a real date (30 February, 31 April).
     */
    public static int slot(byte[] b, int off, int len) {
        if (len == 10 && b[off + 4] == '-' && b[off + 7] == '-' && digit(b[off]) && digit(b[off + 1])
                && digit(b[off + 2]) && digit(b[off + 3]) && digit(b[off + 5]) && digit(b[off + 6])
                && digit(b[off + 8]) && digit(b[off + 9])) {
            // The usual ISO date, without loops.
            int y = (b[off] - '0') * 1000 + (b[off + 1] - '0') * 100 + (b[off + 2] - '0') * 10 + (b[off + 3] - '0');
            int m = (b[off + 5] - '0') * 10 + (b[off + 6] - '0');
            int d = (b[off + 8] - '0') * 10 + (b[off + 9] - '0');
            return y >= FIRST_YEAR && y < FIRST_YEAR + 100 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
                    ? (y - FIRST_YEAR) * 12 + m - 1 : UNKNOWN_SLOT;
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
            return UNKNOWN_SLOT;
        }
        if (year < FIRST_YEAR || year >= FIRST_YEAR + 100 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) {
            return UNKNOWN_SLOT;
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
