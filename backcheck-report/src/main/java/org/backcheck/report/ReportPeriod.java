package org.backcheck.report;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The months the report is about. Unless given ({@code --period}), the period is found from the
 * data: from the first to the last month holding at least a tenth of the median month's records,
 * so that a handful of mistyped dates years away cannot stretch it (and with it the trend and the
 * person-years of the rates per head).
 *
 * @param first            first month of the period, or empty when no row has a readable date
 * @param last             last month of the period
 * @param spanMonths       months from first to last inclusive
 * @param emptyMonths      months within the period with no records at all (usually missing data, not zero activity)
 * @param unknownMonthRows rows whose appointment date is missing or unreadable
 * @param outsideMonths    months with records outside the period
 * @param outsideRows      rows dated outside the period (in every total, but not in the trend or the rates per head)
 * @param given            whether the period was given rather than found
 */
public record ReportPeriod(Optional<YearMonth> first, Optional<YearMonth> last, int spanMonths, List<String> emptyMonths,
                           long unknownMonthRows, List<String> outsideMonths, long outsideRows, boolean given) {
    public ReportPeriod {
        emptyMonths = List.copyOf(emptyMonths);
        outsideMonths = List.copyOf(outsideMonths);
    }

    public String label() {
        return first.isEmpty() ? "no readable appointment dates" : PeriodText.describe(first.get(), last.get());
    }

    /**
     * The period of the same length immediately before this one (e.g. the previous financial year), for the
     * year-on-year comparison; empty when this period has no months.
     */
    public Optional<YearMonth[]> previous() {
        return first.map(f -> new YearMonth[] {f.minusMonths(spanMonths), f.minusMonths(1)});
    }

    /** Whether a month label (yyyy-MM) is inside the period. */
    public boolean contains(String month) {
        if (first.isEmpty() || month.equals(ImagingReport.UNKNOWN)) {
            return false;
        }
        YearMonth m = month(month);
        return !m.isBefore(first.get()) && !m.isAfter(last.get());
    }

    /**
     * A month label read as {@link YearMonth#parse} reads it; the labels the engines write
     * ({@code yyyy-MM}, {@link AppointmentMonth#label}) without the date-time parser: run for each cell
     * of a fresh JVM's only report, the parser was the largest single share of the report's time in a
     * sampling profile (bench/report-cold.sh measures what reading them directly saves).
     */
    static YearMonth month(String label) {
        if (label.length() == 7 && label.charAt(4) == '-' && digit(label, 0) && digit(label, 1) && digit(label, 2)
                && digit(label, 3) && digit(label, 5) && digit(label, 6)) {
            int year = Integer.parseInt(label, 0, 4, 10);
            int month = Integer.parseInt(label, 5, 7, 10);
            if (month >= 1 && month <= 12) {
                return YearMonth.of(year, month);
            }
        }
        return YearMonth.parse(label); // anything else, with the parser's own message when it is not a month
    }

    private static boolean digit(String s, int i) {
        return s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }

    /** The share of the median month's records a month needs to count towards a found period. */
    static final double PERIOD_MONTH_SHARE = 0.1;

    /**
     * {@code --period} as both engines' command lines take it: {@code FIRST..LAST} months, a financial year
     * ({@code 2024/25}), a financial quarter ({@code 2024/25 Q3}) or a calendar quarter ({@code 2024Q3}); see
     * {@link PeriodText}.
     *
     * @return the first and last month, inclusive
     * @throws IllegalArgumentException saying what is expected, when the text is not such a period
     */
    public static YearMonth[] parse(String text) {
        return PeriodText.parse(text);
    }

    /** The period given, or found from the records per month (month label to counts by status). */
    static ReportPeriod of(Map<String, long[]> monthTotals, Optional<YearMonth[]> given) {
        List<YearMonth> known = monthTotals.keySet().stream().filter(m -> !m.equals(ImagingReport.UNKNOWN))
                .map(ReportPeriod::month).toList();
        long unknownRows = monthTotals.containsKey(ImagingReport.UNKNOWN) ? rows(monthTotals.get(ImagingReport.UNKNOWN)) : 0;
        YearMonth first;
        YearMonth last;
        if (given.isPresent()) {
            first = given.get()[0];
            last = given.get()[1];
        } else {
            if (known.isEmpty()) {
                return new ReportPeriod(Optional.empty(), Optional.empty(), 0, List.of(), unknownRows, List.of(), 0, false);
            }
            long[] sizes = known.stream().mapToLong(m -> rows(monthTotals.get(m.toString()))).sorted().toArray();
            double median = sizes.length % 2 == 1 ? sizes[sizes.length / 2]
                    : (sizes[sizes.length / 2 - 1] + sizes[sizes.length / 2]) / 2.0;
            List<YearMonth> main = known.stream()
                    .filter(m -> rows(monthTotals.get(m.toString())) >= PERIOD_MONTH_SHARE * median).toList();
            first = main.get(0);
            last = main.get(main.size() - 1);
        }
        List<String> empty = new ArrayList<>();
        int span = 0;
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            span++;
            if (!monthTotals.containsKey(m.toString())) {
                empty.add(m.toString());
            }
        }
        List<String> outside = new ArrayList<>();
        long outsideRows = 0;
        for (YearMonth m : known) {
            if (m.isBefore(first) || m.isAfter(last)) {
                outside.add(m.toString());
                outsideRows += rows(monthTotals.get(m.toString()));
            }
        }
        return new ReportPeriod(Optional.of(first), Optional.of(last), span, empty, unknownRows, outside, outsideRows,
                given.isPresent());
    }

    /** Every month of the period, first to last; empty when there is none. */
    public List<YearMonth> months() {
        List<YearMonth> out = new ArrayList<>();
        if (first.isPresent()) {
            for (YearMonth m = first.get(); !m.isAfter(last.get()); m = m.plusMonths(1)) {
                out.add(m);
            }
        }
        return out;
    }

    private static long rows(long[] c) {
        return StatusCounts.of(c).rows();
    }
}
