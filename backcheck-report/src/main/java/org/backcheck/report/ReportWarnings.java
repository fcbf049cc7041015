package org.backcheck.report;

/** What both engines print on stderr about a report, worded once. */
public final class ReportWarnings {

    /** Printed when --no-disclosure-control is given. */
    public static final String NO_DISCLOSURE_CONTROL =
            "WARNING: --no-disclosure-control: the report and aggregates will show exact counts, including 1 to 7.\n"
            + "         They are marked as not disclosure controlled. Do not publish or share them outside your organisation.";

    /** Printed when a population file is given but the extract has no commissioner column. */
    public static final String POPULATION_NOT_USED = "WARNING: the extract has no Der_Commissioner_Code column, so the"
            + " population file is not used: the report has no rates per head.";

    private ReportWarnings() {
    }
}
