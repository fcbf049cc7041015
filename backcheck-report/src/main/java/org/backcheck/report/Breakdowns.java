package org.backcheck.report;

/**
 * The report's views by period and by specialty: the year-on-year comparison and the breakdown by
 * treatment function. Computed from the same {@link Activity} as the rest of the report.
 */
public record Breakdowns(YearOnYear yearOnYear, Specialties specialties) {

    static Breakdowns of(ReportPeriod period, Activity activity) {
        return new Breakdowns(YearOnYear.of(period, activity), Specialties.of(activity));
    }
}
