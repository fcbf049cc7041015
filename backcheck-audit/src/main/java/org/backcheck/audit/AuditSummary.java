package org.backcheck.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backcheck.classify.Status;

/**
 * The figures of one audit run. Every data row has exactly one status, so
 * {@code rowsRead == counted + excluded + unmatched + rejected}; the constructor refuses anything else.
 *
 * @param excludedByReason rows per exclusion that applied (a row excluded for two reasons counts in both)
 * @param otherPolicyCounted rows the other NULL policy would count
 * @param byProvider status counts per {@code Der_Provider_Code}, or empty when the column is absent
 * @param byMonth status counts per month of {@code Appointment_Date} (yyyy-MM, or "unknown"), or empty
 * @param activity rows by provider, commissioner, month and age band, for the report
 * @param rejectedByReason rejected rows by field and kind of problem (e.g. "Age_at_Start_of_Episode_SUS: not a whole
 *                         number"), without the values; empty when not tallied (the Spark job)
 */
public record AuditSummary(String measure, String input, String nullPolicy, String otherNullPolicy, String delimiter,
                           long rowsRead, long counted, long excluded, Map<String, Long> excludedByReason,
                           long unmatched, long rejected, long nullPolicySensitiveRows, long otherPolicyCounted,
                           long otherPolicyExcluded, long blankLinesSkipped, Map<String, StatusCounts> byProvider,
                           Map<String, StatusCounts> byMonth, List<String> notes, double elapsedSeconds,
                           Activity activity, Map<String, Long> rejectedByReason) {

    /** Without the rejection reasons tallied. */
    public AuditSummary(String measure, String input, String nullPolicy, String otherNullPolicy, String delimiter,
                        long rowsRead, long counted, long excluded, Map<String, Long> excludedByReason,
                        long unmatched, long rejected, long nullPolicySensitiveRows, long otherPolicyCounted,
                        long otherPolicyExcluded, long blankLinesSkipped, Map<String, StatusCounts> byProvider,
                        Map<String, StatusCounts> byMonth, List<String> notes, double elapsedSeconds, Activity activity) {
        this(measure, input, nullPolicy, otherNullPolicy, delimiter, rowsRead, counted, excluded, excludedByReason,
                unmatched, rejected, nullPolicySensitiveRows, otherPolicyCounted, otherPolicyExcluded, blankLinesSkipped,
                byProvider, byMonth, notes, elapsedSeconds, activity, Map.of());
    }

    public AuditSummary {
        rejectedByReason = Map.copyOf(rejectedByReason);
        excludedByReason = Map.copyOf(excludedByReason);
        byProvider = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byProvider));
        byMonth = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byMonth));
        notes = List.copyOf(notes);
        java.util.Objects.requireNonNull(activity, "activity");
        if (rowsRead != counted + excluded + unmatched + rejected) {
            throw new IllegalStateException("rows do not reconcile: rows_read " + rowsRead + " != counted " + counted
                    + " + excluded " + excluded + " + unmatched " + unmatched + " + rejected " + rejected);
        }
    }

    /** The reconciliation line printed after every run. */
    public String reconciliation() {
        return "rows_read " + rowsRead + " = counted " + counted + " + excluded " + excluded + " + unmatched "
                + unmatched + " + rejected " + rejected;
    }

    /** Rows by status for one provider or month. */
    public record StatusCounts(long rows, long counted, long excluded, long unmatched, long rejected) {
        /** From counts indexed by {@link Status} ordinal. */
        public static StatusCounts of(long[] byStatus) {
            long c = byStatus[Status.COUNTED.ordinal()];
            long e = byStatus[Status.EXCLUDED.ordinal()];
            long u = byStatus[Status.UNMATCHED.ordinal()];
            long r = byStatus[Status.REJECTED.ordinal()];
            return new StatusCounts(c + e + u + r, c, e, u, r);
        }
    }
}
