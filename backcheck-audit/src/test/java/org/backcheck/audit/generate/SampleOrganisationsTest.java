package org.backcheck.audit.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.backcheck.audit.Audit;
import org.backcheck.audit.AuditOptions;
import org.backcheck.report.AuditFigures;
import org.backcheck.report.Disclosure;
import org.backcheck.report.FunnelResult;
import org.backcheck.report.ImagingReport;
import org.backcheck.report.Organisations;
import org.backcheck.report.SpcResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample's organisations are fictional and complete, and the sample still shows the change of
 * practice it was made to show: T-03 images 70% more from July 2024, which the funnel (as a provider
 * and as a trust with its site) and the provider's SPC chart find, at the demo's default size and seed.
 */
class SampleOrganisationsTest {

    @TempDir
    Path dir;

    /** code -> {name, parent}, read with a plain split (the file has no quotes). */
    private Map<String, String[]> file() throws IOException {
        Path f = dir.resolve(ExtractGenerator.SAMPLE_ORGANISATIONS);
        ExtractGenerator.writeSampleOrganisations(f);
        List<String> lines = Files.readAllLines(f);
        assertThat(lines.get(0)).isEqualTo("org_code,name,parent_code");
        Map<String, String[]> out = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",", -1);
            assertThat(v).hasSize(3);
            assertThat(out.put(v[0], new String[] {v[1], v[2]})).as(v[0]).isNull();
        }
        return out;
    }

    @Test
    void everyGeneratedCodeIsNamedFictionalAndCannotBeAnOdsCode() throws IOException {
        Map<String, String[]> orgs = file();
        for (byte[][] codes : List.of(ReferenceData.PROVIDERS, ReferenceData.COMMISSIONERS)) {
            for (byte[] c : codes) {
                String code = new String(c, java.nio.charset.StandardCharsets.US_ASCII);
                assertThat(orgs).as(code).containsKey(code);
            }
        }
        orgs.forEach((code, v) -> {
            // ODS codes are letters and digits only: a hyphen cannot clash.
            assertThat(code).contains("-").matches("[A-Z0-9-]+");
            assertThat(v[0]).contains("(fictional");
            if (!v[1].isEmpty()) {
                assertThat(orgs).as("parent of " + code).containsKey(v[1]);
            }
        });
        assertThat(orgs.get("T-03A")[1]).isEqualTo("T-03");
        assertThat(orgs.get("S-01")[1]).isEqualTo("ICB-1");
    }

    @Test
    void theChangeOfPracticeIsStillFoundByTheFunnelAndSpc() throws IOException {
        Path extract = dir.resolve("sample.csv");
        ExtractGenerator.write(new ExtractGenerator.Options(1_000_000, 2026L, ','), extract);
        AuditFigures figures = Audit.run(AuditOptions.of(extract, dir.resolve("audit")));
        file();
        ImagingReport r = ImagingReport.of(figures, new ImagingReport.Options("t", true, Disclosure.CONTROLLED, Optional.empty(),
                Optional.empty(), Organisations.read(List.of(dir.resolve(ExtractGenerator.SAMPLE_ORGANISATIONS)))));
        ImagingReport.Organisation t03 = r.providers().stream().filter(o -> o.code().equals("T-03")).findFirst().orElseThrow();
        assertThat(t03.funnel().orElseThrow().outlier998()).isEqualTo(FunnelResult.Outlier.HIGH);
        ImagingReport.Organisation trust = r.organisations().providerParents().stream().filter(o -> o.code().equals("T-03"))
                .findFirst().orElseThrow();
        assertThat(trust.counts().rows()).isGreaterThan(t03.counts().rows());
        assertThat(trust.funnel().orElseThrow().outlier998()).isEqualTo(FunnelResult.Outlier.HIGH);
        SpcResult chart = r.providerSpc().stream().filter(p -> p.provider().equals("T-03")).findFirst().orElseThrow().chart();
        assertThat(chart.rows()).anySatisfy(row -> {
            assertThat(row.point().label()).isGreaterThanOrEqualTo("2024-07");
            assertThat(row.signals()).extracting(SpcResult.Signal::direction).contains(SpcResult.Direction.HIGH);
        });
        assertThat(chart.rows()).noneSatisfy(row -> {
            assertThat(row.point().label()).isLessThan("2024-07");
            assertThat(row.signals()).extracting(SpcResult.Signal::direction).contains(SpcResult.Direction.HIGH);
        });
        assertThat(r.label("T-03")).isEqualTo("Cobbleford Hospitals Trust (fictional) (T-03)");
        assertThat(r.organisations().notInFiles()).isEmpty();
    }
}
