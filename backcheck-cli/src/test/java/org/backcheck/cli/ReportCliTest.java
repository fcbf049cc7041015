package org.backcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The report from the command line: written by audit and demo, disclosure control, population file errors. */
class ReportCliTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    private Path extract(int rows) {
        Path extract = dir.resolve("opa.csv");
        assertThat(Main.run("generate", "--rows", Integer.toString(rows), "--seed", "5", "--out", extract.toString())).isZero();
        return extract;
    }

    @Test
    void auditWritesAControlledReportByDefaultAndSaysWhereItIs() throws Exception {
        Path extract = extract(20000);
        Path result = dir.resolve("audit");
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", result.toString())).isZero();
        String stdout = console.out();
        assertThat(stdout).contains("Report: " + result.resolve("report.html").toAbsolutePath())
                .contains("disclosure controlled (HES rules)");
        assertThat(console.err()).doesNotContain("WARNING");
        String html = Files.readString(result.resolve("report.html"));
        assertThat(html).contains("id=\"disclosure-control\"").doesNotContain("id=\"no-disclosure-control\"")
                .contains("<svg").doesNotContain("<script").doesNotContain("href=\"http").doesNotContain("src=").doesNotContain("url(http").doesNotContain("@import");
        JsonNode json = new ObjectMapper().readTree(result.resolve("aggregates.json").toFile());
        assertThat(json.get("disclosure_control").asBoolean()).isTrue();
        assertThat(Files.readAllLines(result.resolve("aggregates.csv")).get(1)).endsWith(",HES disclosure control");
        // Without a population file the commissioners have counts but no rates.
        assertThat(json.get("commissioners").get(0).has("counted_per_100000_per_year")).isFalse();
        assertThat(html).contains("--population FILE");
    }

    @Test
    void noDisclosureControlWarnsAndMarksEveryOutput() throws Exception {
        Path extract = extract(5000);
        Path result = dir.resolve("audit");
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", result.toString(), "--no-disclosure-control")).isZero();
        assertThat(console.err()).contains("WARNING: --no-disclosure-control")
                .contains("Do not publish");
        assertThat(console.out()).contains("NOT disclosure controlled");
        assertThat(Files.readString(result.resolve("report.html"))).contains("id=\"no-disclosure-control\"");
        JsonNode json = new ObjectMapper().readTree(result.resolve("aggregates.json").toFile());
        assertThat(json.get("disclosure_control").asBoolean()).isFalse();
        assertThat(json.get("disclosure").asText()).contains("internal use only");
        assertThat(Files.readAllLines(result.resolve("aggregates.csv")).stream().skip(1))
                .allSatisfy(line -> assertThat(line).endsWith(",\"NONE: not disclosure controlled; internal use only\""));
    }

    @Test
    void aFinancialYearIsReportedInWordsAndComparedWithTheYearBefore() throws Exception {
        Path extract = extract(20000); // two financial years, 2023/24 and 2024/25
        Path result = dir.resolve("audit");
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", result.toString(), "--period", "2024/25")).isZero();
        assertThat(console.out()).contains("year_on_year.csv");
        String html = Files.readString(result.resolve("report.html"));
        assertThat(html).contains("period <b>2024/25 (April 2024 to March 2025)</b>")
                .contains("<section id=\"year-on-year\">").contains("against 2023/24 (April 2023 to March 2024)")
                .contains("<section id=\"specialties\">").contains("Trauma and Orthopaedic Service");
        java.util.List<String> yoy = Files.readAllLines(result.resolve("year_on_year.csv"));
        assertThat(yoy.get(0)).startsWith("table,unit,earlier_first_month");
        assertThat(yoy).anyMatch(l -> l.startsWith("whole,whole extract,2023-04,2024-03,2024-04,2025-03,"))
                .anyMatch(l -> l.startsWith("provider,T-03,"));
        JsonNode json = new ObjectMapper().readTree(result.resolve("aggregates.json").toFile());
        assertThat(json.get("year_on_year").get("earlier_period").asText()).isEqualTo("2023/24 (April 2023 to March 2024)");
        assertThat(json.get("year_on_year").get("rows").size()).isEqualTo(yoy.size() - 1);
    }

    @Test
    void aPeriodInNoKnownFormIsAUsageErrorThatListsTheForms() throws Exception {
        Path extract = extract(2000);
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", dir.resolve("a").toString(), "--period",
                "2024/26")).isEqualTo(2);
        assertThat(console.err()).contains("--period must name a financial year by its two calendar years")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", dir.resolve("b").toString(), "--period",
                "Q3 2024")).isEqualTo(2);
        assertThat(console.err()).contains("--period must be FIRST..LAST").contains("2024/25 Q3 = October to December 2024")
                .contains("2024Q3 = July to September 2024");
        assertThat(Files.exists(dir.resolve("a").resolve("summary.json"))).isFalse();
    }

    @Test
    void aPopulationFileGivesRatesPerHead() throws Exception {
        Path extract = extract(20000);
        Path pop = dir.resolve("pop.csv");
        Files.writeString(pop, "org_code,year,population\nS-01,2023,100000\nS-01,2024,100000\nS-01,2025,100000\nZZZ,2024,5\n");
        Path result = dir.resolve("audit");
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", result.toString(), "--population", pop.toString(),
                "--no-disclosure-control")).isZero();
        JsonNode json = new ObjectMapper().readTree(result.resolve("aggregates.json").toFile());
        JsonNode e15 = null;
        for (JsonNode c : json.get("commissioners")) {
            if (c.get("commissioner").asText().equals("S-01")) {   // the sample's first commissioner
                e15 = c;
            } else {
                assertThat(c.get("no_population_rate").asText()).as(c.get("commissioner").asText()).isNotEmpty();
            }
        }
        assertThat(e15).isNotNull();
        // 24 months (2023-04 to 2025-03) of 100,000 people: 200,000 person-years.
        assertThat(e15.get("person_years").asDouble()).isEqualTo(200000.0);
        // The rate counts the imaging dated within the period (a few generated dates are unreadable).
        long inPeriod = e15.get("counted_in_period").asLong();
        assertThat(inPeriod).isPositive().isLessThanOrEqualTo(e15.get("counted").asLong());
        double per100k = inPeriod / 200000.0 * 100000;
        assertThat(e15.get("counted_per_100000_per_year").asDouble()).isCloseTo(per100k, org.assertj.core.data.Offset.offset(0.05));
        // The only commissioner with a population defines the pooled rate, so its ratio is exactly 1.
        assertThat(e15.get("observed_to_expected").asDouble()).isEqualTo(1.0);
        assertThat(json.get("population").get("organisations_in_file_without_records").toString()).contains("ZZZ");
    }

    @Test
    void aBadPopulationFileStopsBeforeTheAuditAndNamesEveryBadLine() throws Exception {
        Path extract = extract(1000);
        Path pop = dir.resolve("pop.csv");
        Files.writeString(pop, "org_code,year,population\n15E,2024,100000\n15E,24,100\n00L,2024,-5\n15E,2024,7\n");
        Path result = dir.resolve("audit");
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", result.toString(), "--population", pop.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("has 3 bad rows; nothing was audited")
                .contains("line 3, year: '24'").contains("line 4, population: '-5'").contains("line 5: 15E in 2024 is also on line 2");
        assertThat(result.resolve("summary.json")).doesNotExist();
    }

    @Test
    void demoWritesTheReportWithRatesAndSaysHowToOpenIt() throws Exception {
        Path demo = dir.resolve("demo");
        assertThat(Main.run("demo", "--rows", "20000", "--out", demo.toString())).isZero();
        assertThat(console.out()).contains("Report: ").contains("report.html")
                .contains("backcheck serve");
        String html = Files.readString(demo.resolve("audit/report.html"));
        assertThat(html).contains("id=\"sample-data\"").contains("id=\"provider-funnel\"");
        JsonNode json = new ObjectMapper().readTree(demo.resolve("audit/aggregates.json").toFile());
        assertThat(json.get("sample_data").asBoolean()).isTrue();
        assertThat(json.get("population").get("source").asText()).endsWith("sample-population.csv");
        assertThat(json.get("commissioner_funnel").isNull()).isFalse();
        // Fictional organisations, named and rolled up: every code in the sample is in the demo's file.
        assertThat(json.get("organisations").get("codes_not_in_files")).isEmpty();
        assertThat(json.get("organisations").get("files").get(0).get("file").asText()).isEqualTo("sample-organisations.csv");
        assertThat(html).contains("id=\"trusts\"").contains("id=\"icbs\"")
                .contains("Cobbleford Hospitals Trust (fictional) (T-03)").contains("are fictional");
        for (JsonNode p : json.get("providers")) {
            assertThat(p.get("provider").asText()).contains("-");
            assertThat(p.get("name").asText()).endsWith(")").contains("fictional");
        }
    }

    @Test
    void aBadOrganisationsFileStopsBeforeTheAuditNamingItsLines() throws Exception {
        Path extract = extract(1000);
        Path orgs = dir.resolve("orgs.csv");
        Files.writeString(orgs, "org_code,name,parent_code\nRXH,Trust,\nRXH01,,RXH\nRXH02,Site\n");
        Path result = dir.resolve("audit");
        assertThat(Main.run("audit", "--input", extract.toString(), "--out", result.toString(), "--organisations",
                orgs.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("has 2 bad rows; nothing was audited").contains("line 3, name: the name of RXH01 is empty")
                .contains("line 4: expected 3 fields, found 2").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(result.resolve("summary.json")).doesNotExist();
    }
}
