package org.backcheck.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.backcheck.report.AuditFigures;

/** The few lines a person reads after an audit. */
final class AuditReport {

    private AuditReport() {
    }

    static void print(AuditFigures s, Path outDir, PrintWriter out) {
        out.printf(Locale.ROOT, "Backcheck audit: %s on %s (%s-delimited, NULL policy %s)%n",
                s.measure(), s.input(), s.delimiter(), s.nullPolicy().id());
        out.printf(Locale.ROOT, "  rows read   %,14d%n", s.rowsRead());
        out.printf(Locale.ROOT, "  counted     %,14d%n", s.counted());
        StringBuilder reasons = new StringBuilder();
        s.excludedByReason().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e ->
                reasons.append(reasons.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%,d", e.getValue())));
        out.printf(Locale.ROOT, "  excluded    %,14d   (%s)%n", s.excluded(), reasons);
        out.printf(Locale.ROOT, "  unmatched   %,14d%n", s.unmatched());
        out.printf(Locale.ROOT, "  rejected    %,14d%s%n", s.rejected(),
                s.rejected() > 0 ? "   (each listed with its reason in rejected.csv)" : "");
        if (s.blankLinesSkipped() > 0) {
            out.printf(Locale.ROOT, "  blank lines %,14d   (not data rows)%n", s.blankLinesSkipped());
        }
        out.println("  reconciliation: " + s.reconciliation() + "  OK");
        out.printf(Locale.ROOT, "  NULL policy: %,d row(s) would be classified differently under --null-policy %s "
                        + "(counted there: %,d)%n", s.nullPolicySensitiveRows(), s.otherNullPolicy().id(), s.otherPolicyCounted());
        out.printf(Locale.ROOT, "  took %.2f s%n", s.elapsedSeconds());
        out.println("Wrote " + outDir.resolve("matches.csv") + ", rejected.csv and summary.json.");
    }
}
