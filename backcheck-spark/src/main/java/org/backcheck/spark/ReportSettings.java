package org.backcheck.spark;

import java.io.Serializable;
import java.time.YearMonth;
import java.util.Objects;

/**
 * What the report ({@code report.html}, {@code aggregates.csv}, {@code aggregates.json}) is to show,
 * as {@code backcheck audit}'s report options say it.
 *
 * @param title             the heading of report.html
 * @param disclosureControl whether counts of 1 to 7 are hidden and the others rounded (HES rules)
 * @param populationFile    a local population file (CSV {@code org_code,year,population}), or null
 * @param firstMonth        the first month the report covers, or null to find the period from the data
 * @param lastMonth         the last month it covers; null exactly when {@code firstMonth} is
 */
public record ReportSettings(String title, boolean disclosureControl, String populationFile, YearMonth firstMonth,
                             YearMonth lastMonth) implements Serializable {

    /** {@code backcheck audit}'s default title. */
    public static final String DEFAULT_TITLE = "Low back pain imaging: EBI audit";

    public ReportSettings {
        Objects.requireNonNull(title, "title");
        if ((firstMonth == null) != (lastMonth == null) || firstMonth != null && firstMonth.isAfter(lastMonth)) {
            throw new IllegalArgumentException("a period is a first and a last month, the first not after the last");
        }
    }

    /** The default report: disclosure controlled, no population, the period found from the data. */
    public static ReportSettings standard() {
        return new ReportSettings(DEFAULT_TITLE, true, null, null, null);
    }

    public ReportSettings withDisclosureControl(boolean on) {
        return new ReportSettings(title, on, populationFile, firstMonth, lastMonth);
    }

    public ReportSettings withPopulationFile(String file) {
        return new ReportSettings(title, disclosureControl, file, firstMonth, lastMonth);
    }

    public ReportSettings withPeriod(YearMonth first, YearMonth last) {
        return new ReportSettings(title, disclosureControl, populationFile, first, last);
    }

    /** {@code --period FIRST..LAST}, read as {@code backcheck audit} reads it. */
    static YearMonth[] period(String text) {
        return org.backcheck.report.ReportPeriod.parse(text);
    }
}
