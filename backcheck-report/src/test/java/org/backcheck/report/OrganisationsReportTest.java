package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names and roll-ups in the report's three files, on a worked example: two sites and their trust, a
 * provider no file names, two sub-ICB locations in one ICB. The roll-ups are checked against sums
 * written out by hand here; hostile names (markup, script, spreadsheet formulas, JSON breakers) must
 * come out as text everywhere.
 */
class OrganisationsReportTest {

    /** The records column, then counted, excluded, unmatched and rejected. */
    private static final int RECORDS = Aggregates.CSV_COLUMNS.indexOf("records");


    @TempDir
    Path dir;

    static final String HOSTILE = "<script>alert(1)</script>\"</title><svg onload=x>";
    static final String FORMULA = "=HYPERLINK(\"http://x\",\"y\")";

    private static List<Activity.Cell> cells(String... orgs) {
        List<Activity.Cell> out = new ArrayList<>();
        int i = 0;
        for (String org : orgs) {
            // counted, excluded, unmatched, rejected grow with i, so that every organisation's figures differ.
            out.add(new Activity.Cell(org, "2024-0" + (1 + i % 3), AgeBand.AGE_40_49, 20 + i, 10, 300 + 17 * i, 1));
            out.add(new Activity.Cell(org, "2024-0" + (2 + i % 3), AgeBand.AGE_50_59, 15, 5 + i, 280, 0));
            i++;
        }
        return out;
    }

    static AuditFigures figures() {
        List<Activity.Cell> providers = cells("RXH", "RXH01", "RXH02", "RRK", "NOPE");
        List<Activity.Cell> commissioners = cells("09D", "70F", "15E", "ZZZ", "ZZY");
        long[] t = new long[4];
        providers.forEach(c -> {
            t[0] += c.counted();
            t[1] += c.excluded();
            t[2] += c.unmatched();
            t[3] += c.rejected();
        });
        return new AuditFigures("2S_lower_back_imaging", "in.csv", NullPolicy.CLINICAL, "comma", t[0] + t[1] + t[2] + t[3],
                t[0], t[1], Map.of(), t[2], t[3], 0, 0, 0, 0, List.of(), 0.1,
                new Activity(true, true, true, providers, commissioners), Map.of(), RunRecords.EXAMPLE);
    }

    Organisations organisations() throws IOException {
        Path f = dir.resolve("orgs.csv");
        Files.writeString(f, "org_code,name,parent_code\n"
                + "RXH,Sussex Trust,\n"
                + "RXH01,\"" + HOSTILE.replace("\"", "\"\"") + "\",RXH\n"
                + "RXH02,\"" + FORMULA.replace("\"", "\"\"") + "\",rxh\n"
                + "RRK,Birmingham Trust,\n"
                + "09D,Brighton sub-ICB,QNX\n"
                + "70F,West Sussex sub-ICB,QNX\n"
                + "QNX,Sussex ICB,\n"
                + "15E,Birmingham sub-ICB,QHL\n");
        return Organisations.read(List.of(f));
    }

    private ImagingReport report(Disclosure d, Organisations o) {
        return ImagingReport.of(figures(), new ImagingReport.Options("t", false, d, Optional.empty(), Optional.empty(), o));
    }

    /** Sums by hand: RXH = RXH + RXH01 + RXH02 cells; QNX = 09D + 70F. */
    private static long[] sum(List<Activity.Cell> cells, String... orgs) {
        long[] s = new long[5];
        for (Activity.Cell c : cells) {
            if (List.of(orgs).contains(c.organisation())) {
                s[0] += c.rows();
                s[1] += c.counted();
                s[2] += c.excluded();
                s[3] += c.unmatched();
                s[4] += c.rejected();
            }
        }
        return s;
    }

    @Test
    void rollUpsAddUpTheChildrenAndNamesAreInEveryFile() throws IOException {
        ImagingReport r = report(Disclosure.NONE, organisations());
        ReportFiles.write(r, dir);
        Map<String, String[]> csv = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(dir.resolve(ReportFiles.CSV));
        assertThat(lines.get(0)).isEqualTo(String.join(",", Aggregates.CSV_COLUMNS) + ",name");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f[0].endsWith("_parent")) {
                csv.put(f[0] + "|" + f[1] + f[2], f);
            }
        }
        List<Activity.Cell> p = figures().activity().providers();
        List<Activity.Cell> c = figures().activity().commissioners();
        Map<String, long[]> expected = new LinkedHashMap<>();
        expected.put("provider_parent|RXH", sum(p, "RXH", "RXH01", "RXH02"));
        expected.put("provider_parent|RRK", sum(p, "RRK"));
        expected.put("provider_parent|NOPE", sum(p, "NOPE"));
        expected.put("commissioner_parent|QNX", sum(c, "09D", "70F"));
        expected.put("commissioner_parent|QHL", sum(c, "15E"));
        expected.put("commissioner_parent|ZZZ", sum(c, "ZZZ"));
        expected.put("commissioner_parent|ZZY", sum(c, "ZZY"));
        assertThat(csv.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((k, v) -> {
            String[] f = csv.get(k);
            for (int i = 0; i < 5; i++) {
                assertThat(Long.parseLong(f[RECORDS + i])).as(k + " " + Aggregates.CSV_COLUMNS.get(RECORDS + i))
                        .isEqualTo(v[i]);
            }
        });
        assertThat(csv.get("provider_parent|RXH")[Aggregates.CSV_COLUMNS.size()]).isEqualTo("Sussex Trust");
        assertThat(csv.get("commissioner_parent|QNX")[Aggregates.CSV_COLUMNS.size()]).isEqualTo("Sussex ICB");
        assertThat(csv.get("provider_parent|NOPE")[Aggregates.CSV_COLUMNS.size()]).isEmpty();

        Map<String, Object> json = Aggregates.json(r);
        List<Map<String, Object>> trusts = list(json.get("provider_parents"));
        assertThat(trusts).extracting(m -> m.get("provider_parent")).containsExactly("NOPE", "RRK", "RXH");
        assertThat(trusts.get(2).get("records")).isEqualTo(expected.get("provider_parent|RXH")[0]);
        assertThat(trusts.get(2).get("name")).isEqualTo("Sussex Trust");
        assertThat(list(json.get("commissioner_parents")).get(0)).containsEntry("commissioner_parent", "QHL")
                .containsEntry("name", "");
        assertThat(list(json.get("providers")).get(4)).containsEntry("provider", "RXH02").containsEntry("name", FORMULA);
        Map<String, Object> files = map(json.get("organisations"));
        assertThat(files.get("codes_not_in_files")).isEqualTo(List.of("NOPE", "ZZY", "ZZZ"));
        assertThat(list(files.get("files")).get(0)).containsEntry("layout", "backcheck").containsEntry("file", "orgs.csv");

        String html = Files.readString(dir.resolve(ReportFiles.HTML));
        assertThat(html).contains("id=\"trusts\"").contains("id=\"icbs\"").contains("id=\"funnel-trusts\"")
                .contains("Sussex Trust (RXH)").contains("Sussex ICB (QNX)");
        // Unknown codes listed once, in one place.
        assertThat(html.split("NOPE, ZZY, ZZZ", -1)).hasSize(2);
    }

    @Test
    void hostileNamesAreTextInHtmlSvgCsvAndJson() throws IOException {
        ReportFiles.write(report(Disclosure.NONE, organisations()), dir);
        String html = Files.readString(dir.resolve(ReportFiles.HTML));
        assertThat(html).doesNotContain(HOSTILE).doesNotContain("<script>alert").doesNotContain("<svg onload")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        // In the SVG hover text of the funnel too (the site is on the providers' funnel).
        assertThat(html).contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;&quot;&lt;/title&gt;&lt;svg onload=x&gt; (RXH01):");
        String csv = Files.readString(dir.resolve(ReportFiles.CSV));
        assertThat(csv).contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n").doesNotContain(",=HYPERLINK");
        // JSON: the name is one string value, its quotes escaped.
        assertThat(Files.readString(dir.resolve(ReportFiles.JSON)))
                .contains("\"name\" : \"<script>alert(1)</script>\\\"</title><svg onload=x>\"");
    }

    @Test
    void chartNamesAreShortenedByCodePointsNeverSplittingASurrogatePair() {
        String musical = "\uD834\uDD1E"; // U+1D11E, one character written as two chars
        String name = "A".repeat(Organisations.CHART_NAME_MAX - 2) + musical + "BCD";
        String shortened = Organisations.chartName(name);
        assertThat(shortened).isEqualTo("A".repeat(Organisations.CHART_NAME_MAX - 2) + musical + "…");
        assertThat(shortened.codePointCount(0, shortened.length())).isEqualTo(Organisations.CHART_NAME_MAX);
        // A name of exactly the maximum in code points (but more chars) is kept whole.
        String exact = musical.repeat(Organisations.CHART_NAME_MAX);
        assertThat(Organisations.chartName(exact)).isEqualTo(exact);
        assertThat(Organisations.chartName("Short")).isEqualTo("Short");
    }

    @Test
    void withoutAFileTheOutputsHaveNoNamesOrRollUps() throws IOException {
        ReportFiles.write(report(Disclosure.CONTROLLED, Organisations.none()), dir);
        List<String> lines = Files.readAllLines(dir.resolve(ReportFiles.CSV));
        assertThat(lines.get(0)).isEqualTo(String.join(",", Aggregates.CSV_COLUMNS));
        assertThat(lines).noneMatch(l -> l.contains("_parent"));
        Map<String, Object> json = Aggregates.json(report(Disclosure.CONTROLLED, Organisations.none()));
        assertThat(json).doesNotContainKeys("organisations", "provider_parents", "commissioner_parents");
        assertThat(list(json.get("providers")).get(0)).doesNotContainKey("name");
        assertThat(Files.readString(dir.resolve(ReportFiles.HTML))).doesNotContain("id=\"trusts\"");
    }

    @Test
    void rolledUpFiguresAreDisclosureControlledLikeAnyOther() throws IOException {
        ImagingReport r = report(Disclosure.CONTROLLED, organisations());
        ReportFiles.write(r, dir);
        List<Activity.Cell> p = figures().activity().providers();
        long[] rxh = sum(p, "RXH", "RXH01", "RXH02");
        String row = Files.readAllLines(dir.resolve(ReportFiles.CSV)).stream().filter(l -> l.startsWith("provider_parent,RXH,"))
                .findFirst().orElseThrow();
        String[] f = row.split(",", -1);
        for (int i = 0; i < 5; i++) {
            assertThat(f[RECORDS + i]).isEqualTo(expectedShown(rxh[i]));
        }
    }

    @Test
    void icbRatesPerHeadAddUpTheirCommissionersAndMakeARatioFunnel() throws IOException {
        Path pop = dir.resolve("pop.csv");
        // 09D and 70F in QNX; 15E in QHL; ZZZ and ZZY roll up to themselves. Every month is in 2024.
        Files.writeString(pop, "org_code,year,population\n09D,2024,120000\n70F,2024,80000\n15E,2024,300000\n"
                + "ZZZ,2024,50000\nZZY,2024,90000\n");
        ImagingReport r = ImagingReport.of(figures(), new ImagingReport.Options("t", false, Disclosure.NONE,
                Optional.of(Population.read(pop)), Optional.empty(), organisations()));
        Map<String, ImagingReport.Organisation> byCode = new LinkedHashMap<>();
        r.commissioners().forEach(o -> byCode.put(o.code(), o));
        ImagingReport.Organisation qnx = r.organisations().commissionerParents().stream().filter(o -> o.code().equals("QNX"))
                .findFirst().orElseThrow();
        ImagingReport.PopulationRate a = byCode.get("09D").rate().orElseThrow();
        ImagingReport.PopulationRate b = byCode.get("70F").rate().orElseThrow();
        ImagingReport.PopulationRate x = qnx.rate().orElseThrow();
        // 4 months (2024-01 to 2024-04) of 200,000 people: 66,666.7 person-years.
        assertThat(x.personYears()).isCloseTo(200_000 * 4 / 12.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(x.personYears()).isCloseTo(a.personYears() + b.personYears(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(x.observed()).isEqualTo(a.observed() + b.observed());
        // Expected at the commissioners' pooled rate: the ICBs' expected counts add up to the commissioners'.
        double pooled = r.population().orElseThrow().pooledPer100k() / 100_000;
        assertThat(x.expected()).isCloseTo(pooled * x.personYears(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.organisations().commissionerParentFunnel()).isPresent();
        assertThat(r.organisations().commissionerParentFunnel().get().points()).hasSize(4);
        ReportFiles.write(r, dir);
        assertThat(Files.readString(dir.resolve(ReportFiles.HTML))).contains("id=\"funnel-icbs\"");
        String row = Files.readAllLines(dir.resolve(ReportFiles.CSV)).stream().filter(l -> l.startsWith("commissioner_parent,,QNX,"))
                .findFirst().orElseThrow();
        assertThat(row.split(",", -1)[Aggregates.CSV_COLUMNS.indexOf("counted_in_period")]).isEqualTo(Long.toString(x.observed()));
    }

    @Test
    void anIcbWithACommissionerWithoutAPopulationHasNoRateAndSaysWhy() throws IOException {
        Path pop = dir.resolve("pop.csv");
        Files.writeString(pop, "org_code,year,population\n09D,2024,120000\n15E,2024,300000\n");
        ImagingReport r = ImagingReport.of(figures(), new ImagingReport.Options("t", false, Disclosure.NONE,
                Optional.of(Population.read(pop)), Optional.empty(), organisations()));
        ImagingReport.Organisation qnx = r.organisations().commissionerParents().stream().filter(o -> o.code().equals("QNX"))
                .findFirst().orElseThrow();
        assertThat(qnx.rate()).isEmpty();
        assertThat(qnx.noRate()).contains("no population rate for 70F");
        assertThat(r.organisations().commissionerParentFunnel()).isEmpty();   // only QHL has a rate
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    /** HES rules written out again: 0 as 0, 1 to 7 as *, else rounded to the nearest 5. */
    private static String expectedShown(long v) {
        return v == 0 ? "0" : v <= 7 ? "*" : Long.toString(Math.round(v / 5.0) * 5);
    }
}
