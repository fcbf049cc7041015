package org.backcheck.spark;

/**
 * The month of an appointment date, as the single-machine audit groups by it: {@code yyyy-MM-dd},
 * {@code dd/MM/yyyy} or {@code yyyyMMdd} (leading spaces and a time part after the date are
 * ignored), a day that exists in that month, years 1990 to 2089; labelled {@code yyyy-MM}.
 * Anything else is {@code unknown}.
 */
final class AppointmentMonth {

    static final String UNKNOWN = "unknown";

    /** The slot of dates with no month (see {@link #slot}). */
    static final int UNKNOWN_SLOT = 100 * 12;

    private static final int FIRST_YEAR = 1990;
    private static final int YEARS = 100;
    private static final String[] LABELS = new String[YEARS * 12];

    static {
        for (int i = 0; i < LABELS.length; i++) {
            int year = FIRST_YEAR + i / 12;
            int month = i % 12 + 1;
            LABELS[i] = year + (month < 10 ? "-0" : "-") + month;
        }
    }

    private AppointmentMonth() {
    }

    /** The month label of the date in {@code b[off, off + len)}. */
    static String of(byte[] b, int off, int len) {
        return label(slot(b, off, len));
    }

    /** The label of a slot: {@code yyyy-MM}, or {@code unknown}. */
    static String label(int slot) {
        return slot == UNKNOWN_SLOT ? UNKNOWN : LABELS[slot];
    }

    /** Months numbered from January 1990 (0) to December 2089; {@link #UNKNOWN_SLOT} for anything else. */
    static int slot(byte[] b, int off, int len) {
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
        if (year < FIRST_YEAR || year >= FIRST_YEAR + YEARS || month < 1 || month > 12 || day < 1
                || day > daysIn(year, month)) {
            return UNKNOWN_SLOT;
        }
        return (year - FIRST_YEAR) * 12 + month - 1;
    }

    /** An impossible date such as 30 February is no date, and has no month. */
    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The number written by {@code n} ASCII digits, or -1 when any is not a digit. */
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
