package org.backcheck.spark;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backcheck.classify.Status;

/**
 * The figures of one Spark audit run, named as in the single-machine audit's summary. Every data
 * row has exactly one status, so {@code rowsRead == counted + excluded + unmatched + rejected}; the
 * constructor refuses anything else.
 *
 * @param files            the files read, in row order
 * @param delimiter        CSV input: the delimiter's name; null for Parquet
 * @param excludedByReason rows per exclusion that applied (a row excluded for two reasons counts in both)
 * @param byProvider       status counts per {@code Der_Provider_Code}, or empty when the input has no such column
 * @param byMonth          status counts per month of {@code Appointment_Date} ({@code yyyy-MM} or {@code unknown}), or empty
 * @param reportFiles      the report's files written into the output folder; empty when no report was asked for
 */
public record SparkAuditSummary(String measure, String input, String inputFormat, List<String> files, String nullPolicy,
                                String otherNullPolicy, String delimiter, long rowsRead, long counted, long excluded,
                                Map<String, Long> excludedByReason, long unmatched, long rejected,
                                long nullPolicySensitiveRows, long otherPolicyCounted, long otherPolicyExcluded,
                                long blankLinesSkipped, Map<String, StatusCounts> byProvider,
                                Map<String, StatusCounts> byMonth, List<String> notes, String output,
                                String outputFormat, String sparkVersion, double elapsedSeconds,
                                List<String> reportFiles) {

    public SparkAuditSummary {
        files = List.copyOf(files);
        excludedByReason = Collections.unmodifiableMap(new LinkedHashMap<>(excludedByReason));
        byProvider = Collections.unmodifiableMap(new LinkedHashMap<>(byProvider));
        byMonth = Collections.unmodifiableMap(new LinkedHashMap<>(byMonth));
        notes = List.copyOf(notes);
        reportFiles = List.copyOf(reportFiles);
        if (rowsRead != counted + excluded + unmatched + rejected) {
            throw new IllegalStateException("rows do not reconcile: rows_read " + rowsRead + " != counted " + counted
                    + " + excluded " + excluded + " + unmatched " + unmatched + " + rejected " + rejected);
        }
    }

    /** The reconciliation line printed after every run, worded as the single-machine audit words it. */
    public String reconciliation() {
        return "rows_read " + rowsRead + " = counted " + counted + " + excluded " + excluded + " + unmatched "
                + unmatched + " + rejected " + rejected;
    }

    /** Rows by status for one provider or month. */
    public record StatusCounts(long rows, long counted, long excluded, long unmatched, long rejected) {

        /** From counts indexed by {@link Status#ordinal()}. */
        static StatusCounts of(long[] byStatus) {
            long c = byStatus[Status.COUNTED.ordinal()];
            long e = byStatus[Status.EXCLUDED.ordinal()];
            long u = byStatus[Status.UNMATCHED.ordinal()];
            long r = byStatus[Status.REJECTED.ordinal()];
            return new StatusCounts(c + e + u + r, c, e, u, r);
        }
    }
}
