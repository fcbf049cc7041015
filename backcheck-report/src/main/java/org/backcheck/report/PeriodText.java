package org.backcheck.report;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forms {@code --period} takes, and the words the report describes a period with.
 *
 * <ul>
 *   <li>{@code 2024-04..2025-03}: first and last month, inclusive;</li>
 *   <li>{@code 2024/25}: an NHS financial year, April 2024 to March 2025 (the financial year runs from
 *       1 April to 31 March, as the NHS Data Dictionary's "Financial Year" defines it);</li>
 *   <li>{@code 2024/25 Q3} or {@code 2024/25Q3}: a quarter of that financial year, Q1 being April to June,
 *       so 2024/25 Q3 is October to December 2024;</li>
 *   <li>{@code 2024Q3} or {@code 2024 Q3}: a calendar quarter, Q1 being January to March, so 2024Q3 is
 *       July to September 2024.</li>
 * </ul>
 * A quarter written after a financial year ({@code yyyy/yy}) is a financial quarter, one written after a
 * calendar year ({@code yyyy}) a calendar quarter; the two forms cannot be mistaken for each other, and the
 * report names both readings of a three-month period, so that a reader who meant the other one sees it.
 */
final class PeriodText {

    private static final Pattern FINANCIAL = Pattern.compile("(\\d{4})/(\\d{2})(?:\\s*[Qq]([1-4]))?");
    private static final Pattern CALENDAR_QUARTER = Pattern.compile("(\\d{4})\\s*[Qq]([1-4])");

    /** The financial year starts in April. */
    private static final int FINANCIAL_YEAR_START = 4;

    private PeriodText() {
    }

    /**
     * The first and last month of a period as {@code --period} takes it.
     *
     * @throws IllegalArgumentException saying which forms are taken, when the text is none of them
     */
    static YearMonth[] parse(String text) {
        YearMonth[] months = months(text);
        if (months[0].isBefore(FIRST_MONTH) || months[1].isAfter(LAST_MONTH)) {
            throw new IllegalArgumentException("--period must lie within " + FIRST_MONTH + " to " + LAST_MONTH + ", the"
                    + " months the audit reads appointment dates in (years " + FIRST_MONTH.getYear() + " to "
                    + LAST_MONTH.getYear() + "), not '" + text + "' (" + months[0] + " to " + months[1] + ")");
        }
        return months;
    }

    /** The first month a period may start in: January of the first year the audit reads appointment dates in. */
    static final YearMonth FIRST_MONTH = YearMonth.of(AppointmentMonth.FIRST_YEAR, 1);
    /** The last month a period may end in: December of the last year the audit reads appointment dates in. */
    static final YearMonth LAST_MONTH = YearMonth.of(AppointmentMonth.LAST_YEAR, 12);

    private static YearMonth[] months(String text) {
        String t = text == null ? "" : text.strip();
        Matcher fy = FINANCIAL.matcher(t);
        if (fy.matches()) {
            int start = Integer.parseInt(fy.group(1));
            int end = Integer.parseInt(fy.group(2));
            if ((start + 1) % 100 != end) {
                throw new IllegalArgumentException("--period must name a financial year by its two calendar years, the"
                        + " second the year after the first (e.g. 2024/25 for April 2024 to March 2025), not '" + text + "'");
            }
            YearMonth first = YearMonth.of(start, FINANCIAL_YEAR_START);
            if (fy.group(3) == null) {
                return new YearMonth[] {first, first.plusMonths(11)};
            }
            YearMonth q = first.plusMonths(3L * (Integer.parseInt(fy.group(3)) - 1));
            return new YearMonth[] {q, q.plusMonths(2)};
        }
        Matcher cq = CALENDAR_QUARTER.matcher(t);
        if (cq.matches()) {
            YearMonth q = YearMonth.of(Integer.parseInt(cq.group(1)), 3 * (Integer.parseInt(cq.group(2)) - 1) + 1);
            return new YearMonth[] {q, q.plusMonths(2)};
        }
        String[] parts = t.split("\\.\\.", -1);
        try {
            if (parts.length == 2) {
                YearMonth from = YearMonth.parse(parts[0].strip());
                YearMonth to = YearMonth.parse(parts[1].strip());
                if (!from.isAfter(to)) {
                    return new YearMonth[] {from, to};
                }
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException("--period must be FIRST..LAST months as yyyy-MM..yyyy-MM, the first not after"
                + " the last (e.g. 2024-04..2025-03); a financial year yyyy/yy (2024/25 = April 2024 to March 2025); a"
                + " financial quarter yyyy/yy Qn (2024/25 Q3 = October to December 2024); or a calendar quarter yyyyQn"
                + " (2024Q3 = July to September 2024); not '" + text + "'");
    }

    /**
     * The period in words: a financial year as {@code 2024/25 (April 2024 to March 2025)}; three months that
     * make a quarter with both readings, {@code October to December 2024 (financial 2024/25 Q3, calendar
     * 2024Q4)}; one month as {@code 2024-03}; any other span as {@code 2024-01 to 2024-06}.
     */
    static String describe(YearMonth first, YearMonth last) {
        if (first.equals(last)) {
            return first.toString();
        }
        if (first.getMonthValue() == FINANCIAL_YEAR_START && last.equals(first.plusMonths(11))) {
            return financialYear(first.getYear()) + " (" + monthYear(first) + " to " + monthYear(last) + ")";
        }
        if ((first.getMonthValue() - 1) % 3 == 0 && last.equals(first.plusMonths(2))) {
            YearMonth fyStart = first.minusMonths(FINANCIAL_YEAR_START - 1);
            int financialQuarter = (fyStart.getMonthValue() - 1) / 3 + 1;
            int calendarQuarter = (first.getMonthValue() - 1) / 3 + 1;
            return monthName(first) + " to " + monthYear(last) + " (financial " + financialYear(fyStart.getYear()) + " Q"
                    + financialQuarter + ", calendar " + first.getYear() + "Q" + calendarQuarter + ")";
        }
        return first + " to " + last;
    }

    /** {@code 2024/25} for the financial year starting in April 2024. */
    static String financialYear(int startYear) {
        return startYear + "/" + String.format(Locale.ROOT, "%02d", (startYear + 1) % 100);
    }

    private static String monthName(YearMonth m) {
        return m.getMonth().getDisplayName(TextStyle.FULL, Locale.UK);
    }

    private static String monthYear(YearMonth m) {
        return monthName(m) + " " + m.getYear();
    }
}
