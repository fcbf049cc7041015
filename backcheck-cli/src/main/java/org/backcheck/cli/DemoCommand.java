package org.backcheck.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.backcheck.audit.AuditOptions;
import org.backcheck.audit.generate.ExtractGenerator;
import org.backcheck.report.ReportOption;
import org.backcheck.report.ReportRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Generates a synthetic outpatient extract, a population file and an organisations file (fictional",
            "trusts, sites, sub-ICB locations and ICBs), audits the extract and writes the report (report.html,",
            "aggregates.csv, aggregates.json): the whole job on built-in sample data."},
        footer = {"", "Example: backcheck demo --rows 500000 --out my-demo"})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rows", defaultValue = "1000000", paramLabel = "N", description = "Rows of sample data (default 1000000: the larger providers get monthly SPC charts under disclosure control).")
    long rows;

    @Option(names = "--out", defaultValue = "backcheck-demo", paramLabel = "DIR", description = "Folder for the sample and the outputs (default backcheck-demo).")
    Path out;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where to record this report as the latest, for 'backcheck serve' to show at /report "
                    + "(default $XDG_DATA_HOME/backcheck, else ~/.local/share/backcheck: the same as serve's).")
    Path dataDir;

    @Option(names = "--no-disclosure-control",
            description = "Show exact counts in the sample report (it is synthetic, but the option behaves as on real data).")
    boolean noDisclosureControl;

    @Override
    public Integer call() throws Exception {
        if (rows < 1) {
            throw new IllegalArgumentException("--rows must be at least 1");
        }
        PrintWriter o = spec.commandLine().getOut();
        Files.createDirectories(out);
        Path extract = out.resolve("sample-opa-extract.csv");
        o.printf("Generating %,d rows of synthetic SUS+ outpatient activity in %s ...%n", rows, extract);
        ExtractGenerator.write(new ExtractGenerator.Options(rows, 2026L, ','), extract);
        Path population = out.resolve("sample-population.csv");
        ExtractGenerator.writeSamplePopulation(population);
        Path organisations = out.resolve(ExtractGenerator.SAMPLE_ORGANISATIONS);
        ExtractGenerator.writeSampleOrganisations(organisations);
        ReportRequest request = ReportRequest.standard()
                .with(ReportOption.TITLE, "Low back pain imaging: EBI audit of sample data")
                .with(ReportOption.POPULATION, population.toString())
                .with(ReportOption.ORGANISATIONS, organisations.toAbsolutePath().toString())
                .withFlag(ReportOption.NO_DISCLOSURE_CONTROL, noDisclosureControl);
        ReportRun report = ReportRun.prepare(request, true, spec.commandLine().getErr());
        Path auditDir = out.resolve("audit");
        AuditRun.run(AuditOptions.of(extract, auditDir), report, o, spec.commandLine().getErr());
        Path html = auditDir.resolve(org.backcheck.report.ReportFiles.HTML);
        DataDir.resolve(dataDir).recordDemoReport(html);
        o.println();
        o.println("Next: open " + html + " in a browser (or run 'backcheck serve' and visit /report),");
        o.println("see each counted or excluded row and why in " + auditDir.resolve("matches.csv") + ",");
        o.println("or run the audit on your own extract: backcheck audit --input FILE --out DIR (see backcheck audit --help).");
        return ExitCodes.OK;
    }
}
