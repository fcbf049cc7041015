package org.backcheck.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.backcheck.audit.Activity;
import org.backcheck.audit.AuditSummary;
import org.backcheck.audit.report.Disclosure;
import org.backcheck.audit.report.ImagingReport;
import org.backcheck.audit.report.Population;
import org.backcheck.audit.report.ReportFiles;

/**
 * The report {@code backcheck audit} writes beside its outputs ({@code report.html},
 * {@code aggregates.csv}, {@code aggregates.json}), made by backcheck-audit's own report code from
 * the same figures, so that both engines give an analyst the same shareable report. Made on the
 * driver: its figures are a few thousand cells whatever the extract's size.
 */
final class AuditReport {

    private final ImagingReport.Options options;

    private AuditReport(ImagingReport.Options options) {
        this.options = options;
    }

    /**
     * Reads and checks the population file, and warns when disclosure control is off, before the
     * extract is read (so a bad file costs no audit).
     *
     * @throws org.backcheck.audit.report.InvalidPopulationFileException when the population file cannot be used
     */
    static AuditReport prepare(ReportSettings settings, PrintStream err) throws IOException {
        Optional<Population> population = settings.populationFile() == null ? Optional.empty()
                : Optional.of(Population.read(java.nio.file.Path.of(settings.populationFile())));
        if (!settings.disclosureControl()) {
            err.println(org.backcheck.audit.report.ReportWarnings.NO_DISCLOSURE_CONTROL);
            err.flush();
        }
        Optional<YearMonth[]> period = settings.firstMonth() == null ? Optional.empty()
                : Optional.of(new YearMonth[] {settings.firstMonth(), settings.lastMonth()});
        return new AuditReport(new ImagingReport.Options(settings.title(), false,
                settings.disclosureControl() ? Disclosure.CONTROLLED : Disclosure.NONE, population, period));
    }

    /** Writes the three files into the run's output folder; returns their names. */
    List<String> write(SparkAuditSummary summary, Activity activity, OutputFolder out, PrintStream err) throws IOException {
        if (options.population().isPresent() && !activity.hasCommissioner()) {
            err.println(org.backcheck.audit.report.ReportWarnings.POPULATION_NOT_USED);
            err.flush();
        }
        ImagingReport report = ImagingReport.of(auditSummary(summary, activity), options);
        out.writeLocalFiles(ReportFiles.ALL, dir -> ReportFiles.write(report, dir));
        return ReportFiles.ALL;
    }

    /**
     * The summary the single-machine audit makes of the same figures. Its provider and month
     * counts are taken from the report's cells, where codes are upper-cased as that audit does.
     */
    static AuditSummary auditSummary(SparkAuditSummary s, Activity activity) {
        return new AuditSummary(s.measure(), s.input(), s.nullPolicy(), s.otherNullPolicy(), s.delimiter(), s.rowsRead(),
                s.counted(), s.excluded(), s.excludedByReason(), s.unmatched(), s.rejected(), s.nullPolicySensitiveRows(),
                s.otherPolicyCounted(), s.otherPolicyExcluded(), s.blankLinesSkipped(),
                activity.hasProvider() ? sum(activity.providers(), Activity.Cell::organisation) : Map.of(),
                activity.hasDate() ? sum(activity.providers(), Activity.Cell::month) : Map.of(), s.notes(),
                s.elapsedSeconds(), activity);
    }

    private static Map<String, AuditSummary.StatusCounts> sum(List<Activity.Cell> cells, Function<Activity.Cell, String> key) {
        Map<String, long[]> sums = new TreeMap<>();
        for (Activity.Cell c : cells) {
            long[] t = sums.computeIfAbsent(key.apply(c), k -> new long[4]);
            t[0] += c.counted();
            t[1] += c.excluded();
            t[2] += c.unmatched();
            t[3] += c.rejected();
        }
        Map<String, AuditSummary.StatusCounts> out = new TreeMap<>();
        sums.forEach((k, t) -> out.put(k, new AuditSummary.StatusCounts(t[0] + t[1] + t[2] + t[3], t[0], t[1], t[2], t[3])));
        return out;
    }
}
