package org.backcheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.backcheck.audit.Audit;
import org.backcheck.audit.AuditOptions;
import org.backcheck.report.AuditFigures;
import org.backcheck.report.OutputWriteException;
import org.backcheck.audit.RunFolder;

/**
 * The audit and its report, as {@code audit} and {@code demo} run them: every output is written into
 * a staging folder of a claimed {@link RunFolder} and put in place only when all of them are
 * written, so that a failed or interrupted run leaves the folder as it was, and two runs on one
 * folder cannot mix.
 */
final class AuditRun {

    private AuditRun() {
    }

    static AuditFigures run(AuditOptions options, ReportRun report, PrintWriter out, PrintWriter err) throws IOException {
        AuditFigures summary;
        try (RunFolder folder = RunFolder.claim(options.outDir())) {
            try {
                summary = Audit.run(options.withOutDir(folder.staging()), TerminalProgress.forThisTerminal());
                report.write(summary, folder.staging());
                folder.commit();
            } catch (OutputWriteException e) {
                throw folder.explain(e);
            }
        }
        AuditReport.print(summary, options.outDir(), out);
        report.describe(options.outDir(), out);
        out.flush();
        RejectedShare.warnIfHigh(summary, err);
        return summary;
    }
}
