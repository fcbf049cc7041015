package org.backcheck.cli;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.backcheck.report.AuditFigures;

/**
 * The warning after a run that rejected more than {@link #THRESHOLD_PERCENT}% of its data rows: the
 * run still succeeds (every row is accounted for), but so many unreadable rows usually mean a wrong
 * export setting (delimiter, quoting, a text column exported as a number) rather than bad records,
 * and the figures would be understated. It names the most common reasons, without any values.
 */
final class RejectedShare {

    static final int THRESHOLD_PERCENT = 1;
    private static final int REASONS_SHOWN = 3;

    private RejectedShare() {
    }

    static void warnIfHigh(AuditFigures s, PrintWriter err) {
        if (s.rowsRead() == 0 || s.rejected() * 100 <= s.rowsRead() * THRESHOLD_PERCENT) {
            return;
        }
        String reasons = s.rejectedByReason().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(REASONS_SHOWN)
                .map(e -> String.format(Locale.ROOT, "%s (%,d rows)", e.getKey(), e.getValue()))
                .collect(Collectors.joining("; "));
        err.printf(Locale.ROOT, "backcheck: warning: %,d of %,d data rows (%.1f%%) were rejected, more than %d%%; "
                        + "the figures leave them out. Most common: %s. Each is listed with its reason in rejected.csv; "
                        + "check the export (delimiter, quoting, column types) before using the results.%n",
                s.rejected(), s.rowsRead(), 100.0 * s.rejected() / s.rowsRead(), THRESHOLD_PERCENT,
                reasons.isEmpty() ? "see rejected.csv" : reasons);
        err.flush();
    }
}
