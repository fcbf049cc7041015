package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.backcheck.codelist.Provenance;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The breakdown by treatment function: names from the shipped list, unknown codes, escaping, disclosure control. */
class SpecialtiesTest {

    @Test
    void theListOfNamesMatchesItsRecordedProvenance() throws IOException {
        Path folder = Path.of("src/main/resources/org/backcheck/report");
        Path list = folder.resolve(TreatmentFunctions.FILE);
        Provenance p = Provenance.parse(TreatmentFunctions.FILE,
                Files.readAllLines(folder.resolve("treatment-functions.source"), StandardCharsets.UTF_8));
        assertThat(p.problemWith(Files.readAllBytes(list))).isEmpty();
        assertThat(p.get("url").orElseThrow()).contains("datadictionary.nhs.uk");
    }

    @Test
    void namesComeFromTheList() {
        assertThat(TreatmentFunctions.name("110")).contains("Trauma and Orthopaedic Service");
        assertThat(TreatmentFunctions.name("191")).contains("Pain Management Service");
        assertThat(TreatmentFunctions.name("999")).isEmpty();
        assertThat(TreatmentFunctions.label("999")).isEqualTo("not in the treatment function list shipped with Backcheck");
    }

    private static ImagingReport report(Disclosure d) {
        List<Activity.Cell> specialties = List.of(
                cell("110", "2024-05", 40, 960), cell("110", "2024-06", 10, 990), cell("999", "2024-05", 3, 500),
                cell("=cmd|'/c calc'!A1", "2024-05", 0, 20), cell("<b>x</b>", "2024-05", 0, 9),
                cell(ImagingReport.UNKNOWN, "2024-05", 0, 12));
        long counted = specialties.stream().mapToLong(Activity.Cell::counted).sum();
        long rows = specialties.stream().mapToLong(Activity.Cell::rows).sum();
        List<Activity.Cell> providers = List.of(new Activity.Cell("P1", "2024-05", AgeBand.AGE_40_49, counted, 0, rows - counted, 0));
        Activity a = new Activity(true, false, true, providers, List.of(), true, specialties);
        AuditFigures f = new AuditFigures("m", "in.csv", NullPolicy.CLINICAL, ",", rows, counted, 0, Map.of(), rows - counted,
                0, 0, 0, 0, 0, List.of(), 0, a, Map.of(), RunRecords.EXAMPLE);
        return ImagingReport.of(f, new ImagingReport.Options("t", false, d, Optional.empty()));
    }

    private static Activity.Cell cell(String code, String month, long counted, long unmatched) {
        return new Activity.Cell(code, month, AgeBand.AGE_40_49, counted, 0, unmatched, 0);
    }

    @Test
    void rowsAddUpOverMonthsAndUnknownComesLast() {
        Specialties s = report(Disclosure.NONE).breakdowns().specialties();
        assertThat(s.present()).isTrue();
        assertThat(s.rows()).extracting(Specialties.Row::code)
                .containsExactly("110", "999", "<b>x</b>", "=cmd|'/c calc'!A1", ImagingReport.UNKNOWN);
        Specialties.Row to = s.rows().get(0);
        assertThat(to.counts()).isEqualTo(new StatusCounts(2000, 50, 0, 1950, 0));
        assertThat(to.name()).isEqualTo("Trauma and Orthopaedic Service");
        assertThat(s.rows().get(1).listed()).isFalse();
        assertThat(s.rows().get(4).name()).isEqualTo("no treatment function code");
    }

    @Test
    void theSectionAndTheGrainEscapeCodesAndFollowDisclosureControl(@TempDir Path dir) throws IOException {
        ImagingReport r = report(Disclosure.CONTROLLED);
        String html = ReportHtml.render(r);
        assertThat(html).contains("<section id=\"specialties\">").contains("&lt;b&gt;x&lt;/b&gt;").doesNotContain("<b>x</b>")
                .contains("Trauma and Orthopaedic Service").contains(TreatmentFunctions.NOT_LISTED);
        ReportFiles.write(r, dir);
        List<String> lines = Files.readAllLines(dir.resolve(ReportFiles.CSV));
        List<String> header = List.of(lines.get(0).split(","));
        List<String> specialty = lines.stream().filter(l -> l.startsWith("specialty,")).toList();
        assertThat(specialty).hasSize(5);
        // 110: 2,000 records and 50 counted, rounded; 999: 3 counted, hidden with its rate.
        assertThat(specialty.get(0)).startsWith("specialty,,,,,110,2000,50,0,1950,0,25.00,");
        assertThat(specialty.get(1)).startsWith("specialty,,,,,999,505,*,0,500,0,*,");
        // A code that would be a formula in a spreadsheet is written as text.
        assertThat(specialty.get(3)).contains("'=cmd|'/c calc'!A1").doesNotContain(",=cmd");
        assertThat(header.indexOf("specialty")).isEqualTo(5);
        assertThat(lines.get(lines.size() - 1)).startsWith("specialty,,,,,unknown,10,0,0,10,0,0.00,");
        String json = Files.readString(dir.resolve(ReportFiles.JSON));
        assertThat(json).contains("\"specialties\"").contains("\"name\" : \"Trauma and Orthopaedic Service\"");
    }

    @Test
    void withoutTheColumnThereIsNoSectionAndNoGrain(@TempDir Path dir) throws IOException {
        Activity a = new Activity(true, false, true, List.of(cell("P1", "2024-05", 10, 100)), List.of());
        AuditFigures f = new AuditFigures("m", "in.csv", NullPolicy.CLINICAL, ",", 110, 10, 0, Map.of(), 100, 0, 0, 0, 0, 0,
                List.of(), 0, a, Map.of(), RunRecords.EXAMPLE);
        ImagingReport r = ImagingReport.of(f, new ImagingReport.Options("t", false, Disclosure.NONE, Optional.empty()));
        assertThat(ReportHtml.render(r)).doesNotContain("id=\"specialties\"");
        ReportFiles.write(r, dir);
        assertThat(Files.readAllLines(dir.resolve(ReportFiles.CSV))).noneMatch(l -> l.startsWith("specialty"));
        assertThat(Files.readString(dir.resolve(ReportFiles.JSON))).contains("\"specialties\" : null");
    }
}
