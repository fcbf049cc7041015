package org.backcheck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.backcheck.audit.generate.ExtractGenerator;
import org.backcheck.report.AuditFigures;
import org.backcheck.report.Disclosure;
import org.backcheck.report.ImagingReport;
import org.backcheck.report.Organisations;
import org.backcheck.report.Population;
import org.backcheck.report.ReportFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's aggregates against an independent recount. The test reads the generated extract
 * itself (strict RFC 4180 reader, java.time for dates), takes each row's status from matches.csv
 * and rejected.csv (a row in neither is unmatched), and counts by every grain of aggregates.csv.
 * Without disclosure control every figure must equal the recount and summary.json; with it, every
 * figure must be exactly what the HES rules make of the recount. The report is made with the sample's
 * organisations file, so the recount includes the trust and ICB roll-ups ({@code provider_parent},
 * {@code commissioner_parent}), each row added to its code's parent as the test reads the file itself.
 */
class ReportReconciliationTest {

    private static final int ROWS = 60_000;
    private static final String[] STATUSES = {"counted", "excluded", "unmatched", "rejected"};

    @TempDir
    static Path dir;
    static Path extract;
    static Path auditDir;
    static AuditFigures summary;
    /** grain|provider|commissioner|month|age_band|specialty -> attendances, counted, excluded, unmatched, rejected. */
    static Map<String, long[]> recount;
    /** code -> {name, parent} from the sample's organisations file, read here with a plain split (no quotes in it). */
    static Map<String, String[]> organisations;

    @BeforeAll
    static void auditAndRecount() throws IOException {
        extract = dir.resolve("extract.csv");
        ExtractGenerator.write(new ExtractGenerator.Options(ROWS, 77L, ','), extract);
        auditDir = dir.resolve("audit");
        summary = Audit.run(AuditOptions.of(extract, auditDir));
        Path orgs = dir.resolve(ExtractGenerator.SAMPLE_ORGANISATIONS);
        ExtractGenerator.writeSampleOrganisations(orgs);
        organisations = new HashMap<>();
        for (String line : Files.readAllLines(orgs).subList(1, Files.readAllLines(orgs).size())) {
            String[] f = line.split(",", -1);
            organisations.put(f[0], new String[] {f[1], f[2]});
        }
        recount = recount(extract, AuditOutputs.statuses(auditDir));
    }

    @Test
    void uncontrolledAggregatesEqualTheRecountAtEveryGrain() throws IOException {
        Path out = dir.resolve("none");
        ReportFiles.write(ImagingReport.of(summary, options(Disclosure.NONE)), out);
        Map<String, long[]> published = readAggregates(out.resolve(ReportFiles.CSV), Disclosure.NONE);
        assertThat(published.keySet()).containsExactlyInAnyOrderElementsOf(recount.keySet());
        for (var e : recount.entrySet()) {
            assertThat(published.get(e.getKey())).as(e.getKey()).containsExactly(e.getValue());
        }
        long[] total = published.get("total|||||");
        assertThat(total).containsExactly(summary.rowsRead(), summary.counted(), summary.excluded(), summary.unmatched(),
                summary.rejected());
        for (String grain : List.of("provider", "commissioner", "month", "age_band", "provider_month", "commissioner_month",
                "specialty", "provider_parent", "commissioner_parent")) {
            long[] sum = new long[5];
            published.forEach((k, v) -> {
                if (k.startsWith(grain + "|")) {
                    for (int i = 0; i < 5; i++) {
                        sum[i] += v[i];
                    }
                }
            });
            assertThat(sum).as(grain).containsExactly(total);
        }
        // Sites roll up into trusts and sub-ICB locations into ICBs: the sample has both.
        assertThat(recount).containsKeys("provider_parent|T-03||||", "commissioner_parent||ICB-1|||");
        assertThat(recount.get("provider_parent|T-03||||")[0]).isGreaterThan(recount.get("provider|T-03||||")[0]);
        // The name column: each organisation's name from the file, on its rows.
        List<String[]> rows = AuditOutputs.csv(out.resolve(ReportFiles.CSV));
        List<String> header = List.of(rows.get(0));
        assertThat(header.get(header.size() - 1)).isEqualTo("name");
        int named = 0;
        for (String[] r : rows.subList(1, rows.size())) {
            String code = r[1].isEmpty() ? r[2] : r[1];
            String[] org = organisations.get(code);
            assertThat(r[header.size() - 1]).as(key(r)).isEqualTo(org == null ? "" : org[0]);
            named += org == null ? 0 : 1;
        }
        assertThat(named).isGreaterThan(100);
    }

    @Test
    void aggregatesAgreeWithSummaryJsonAndMatchesCsv() throws IOException {
        Path out = dir.resolve("json");
        ReportFiles.write(ImagingReport.of(summary, options(Disclosure.NONE)), out);
        ObjectMapper json = new ObjectMapper();
        JsonNode s = json.readTree(auditDir.resolve("summary.json").toFile());
        JsonNode a = json.readTree(out.resolve(ReportFiles.JSON).toFile());
        assertThat(a.get("disclosure_control").asBoolean()).isFalse();
        for (String f : STATUSES) {
            assertThat(a.get("totals").get(f).asLong()).as(f).isEqualTo(s.get(f).asLong());
        }
        assertThat(a.get("totals").get("records").asLong()).isEqualTo(s.get("rows_read").asLong());
        // Per provider: aggregates.json against summary.json's by_provider.
        for (JsonNode p : a.get("providers")) {
            JsonNode sp = s.get("by_provider").get(p.get("provider").asText());
            assertThat(sp).as(p.get("provider").asText()).isNotNull();
            assertThat(p.get("records").asLong()).isEqualTo(sp.get("rows").asLong());
            for (String f : STATUSES) {
                assertThat(p.get(f).asLong()).as(p.get("provider").asText() + " " + f).isEqualTo(sp.get(f).asLong());
            }
        }
        assertThat(a.get("providers").size()).isEqualTo(s.get("by_provider").size());
        // matches.csv: counted and excluded lines, rejected.csv: rejected lines.
        List<String[]> matches = AuditOutputs.csv(auditDir.resolve("matches.csv"));
        long countedLines = matches.stream().skip(1).filter(m -> m[2].equals("counted")).count();
        long excludedLines = matches.stream().skip(1).filter(m -> m[2].equals("excluded")).count();
        assertThat(a.get("totals").get("counted").asLong()).isEqualTo(countedLines);
        assertThat(a.get("totals").get("excluded").asLong()).isEqualTo(excludedLines);
        assertThat(a.get("totals").get("rejected").asLong())
                .isEqualTo(AuditOutputs.csv(auditDir.resolve("rejected.csv")).size() - 1L);
        // Months in aggregates.json against summary.json's by_month.
        for (JsonNode m : a.get("months")) {
            JsonNode sm = s.get("by_month").get(m.get("month").asText());
            assertThat(m.get("counted").asLong()).isEqualTo(sm.get("counted").asLong());
            assertThat(m.get("records").asLong()).isEqualTo(sm.get("rows").asLong());
        }
    }

    @Test
    void controlledAggregatesAreTheHesRulesAppliedToTheRecount() throws IOException {
        Path out = dir.resolve("controlled");
        ReportFiles.write(ImagingReport.of(summary, options(Disclosure.CONTROLLED)), out);
        List<String[]> rows = AuditOutputs.csv(out.resolve(ReportFiles.CSV));
        List<String> header = List.of(rows.get(0));
        int small = 0;
        for (String[] r : rows.subList(1, rows.size())) {
            String key = key(r);
            long[] exact = recount.get(key);
            assertThat(exact).as(key).isNotNull();
            for (int i = 0; i < 5; i++) {
                String shown = r[header.indexOf(i == 0 ? "records" : STATUSES[i - 1])];
                assertThat(shown).as(key + " " + i).isEqualTo(Disclosure.CONTROLLED.count(exact[i]));
                if (shown.equals("*")) {
                    small++;
                }
            }
            // A rate built on 1 to 7 counted is not shown.
            // A rate built on 1 to 7 counted, 1 to 7 records, or 1 to 7 records not counted is not shown.
            String rate = r[header.indexOf("counted_per_1000_records")];
            long rest = exact[0] - exact[1];
            if (!r[0].startsWith("commissioner") && (small(exact[1]) || small(exact[0]) || small(rest))) {
                assertThat(rate).as(key + " rate").isEqualTo("*");
            } else if (!r[0].startsWith("commissioner") && exact[0] > 0) {
                // Of the published counts, not the exact ones: every rate in the file is then a function of the counts
                // beside it, so no exact count can be worked back from a rate, or found by subtracting a site's
                // figures from its trust's (the roll-up rows are in this file too).
                long counted = Disclosure.roundToFive(exact[1]);
                long records = Disclosure.roundToFive(exact[0]);
                assertThat(rate).as(key + " rate").isEqualTo(java.math.BigDecimal.valueOf(1000.0 * counted / records)
                        .setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
            }
            assertThat(r[header.indexOf("disclosure")]).isEqualTo("HES disclosure control");
        }
        assertThat(small).as("the sample has small cells, so suppression was exercised").isGreaterThan(10);
    }

    /**
     * year_on_year.csv for --period 2024/25 against a recount of 2023/24 and 2024/25 from the extract: every count
     * equal (uncontrolled) or the HES rules applied to it (controlled), the z-statistic recomputed from the recount,
     * and T-03, whose imaging the generator raises by 70% from July 2024, higher beyond chance.
     */
    @Test
    void yearOnYearEqualsTheRecountOfBothFinancialYears() throws IOException {
        Map<String, long[]> exact = recountYears(extract, AuditOutputs.statuses(auditDir));
        Path out = dir.resolve("yoy-none");
        ReportFiles.write(ImagingReport.of(summary, options(Disclosure.NONE, "2024/25")), out);
        List<String[]> rows = AuditOutputs.csv(out.resolve(ReportFiles.YEAR_ON_YEAR));
        List<String> h = List.of(rows.get(0));
        assertThat(rows).hasSizeGreaterThan(10);
        for (String[] r : rows.subList(1, rows.size())) {
            String key = r[0] + "|" + r[1];
            long[] e = exact.get(key);
            assertThat(e).as(key).isNotNull();
            assertThat(List.of(r[h.indexOf("counted_earlier")], r[h.indexOf("records_earlier")], r[h.indexOf("counted_later")],
                    r[h.indexOf("records_later")])).as(key)
                    .containsExactly(String.valueOf(e[0]), String.valueOf(e[1]), String.valueOf(e[2]), String.valueOf(e[3]));
            assertThat(r[h.indexOf("earlier_first_month")] + ".." + r[h.indexOf("later_last_month")]).isEqualTo("2023-04..2025-03");
            if (!r[h.indexOf("z")].isEmpty()) {
                double p = (double) (e[0] + e[2]) / (e[1] + e[3]);
                double z = (1.0 * e[2] / e[3] - 1.0 * e[0] / e[1]) / Math.sqrt(p * (1 - p) * (1.0 / e[1] + 1.0 / e[3]));
                assertThat(Double.parseDouble(r[h.indexOf("z")])).as(key + " z").isCloseTo(z, org.assertj.core.api.Assertions.within(0.0005));
            }
        }
        String[] t03 = rows.stream().filter(r -> r[0].equals("provider") && r[1].equals("T-03")).findFirst().orElseThrow();
        assertThat(t03[h.indexOf("beyond_chance")]).isEqualTo("higher");
        assertThat(rows.stream().filter(r -> r[0].equals("whole"))).hasSize(1);

        Path controlled = dir.resolve("yoy-controlled");
        ReportFiles.write(ImagingReport.of(summary, options(Disclosure.CONTROLLED, "2024/25")), controlled);
        List<String[]> shown = AuditOutputs.csv(controlled.resolve(ReportFiles.YEAR_ON_YEAR));
        int hidden = 0;
        for (String[] r : shown.subList(1, shown.size())) {
            long[] e = exact.get(r[0] + "|" + r[1]);
            assertThat(r[h.indexOf("counted_earlier")]).isEqualTo(Disclosure.CONTROLLED.count(e[0]));
            assertThat(r[h.indexOf("records_earlier")]).isEqualTo(Disclosure.CONTROLLED.count(e[1]));
            assertThat(r[h.indexOf("counted_later")]).isEqualTo(Disclosure.CONTROLLED.count(e[2]));
            assertThat(r[h.indexOf("records_later")]).isEqualTo(Disclosure.CONTROLLED.count(e[3]));
            boolean earlierSmall = small(e[0]) || small(e[1]) || small(e[1] - e[0]);
            boolean laterSmall = small(e[2]) || small(e[3]) || small(e[3] - e[2]);
            if (earlierSmall) {
                assertThat(r[h.indexOf("counted_per_1000_records_earlier")]).isEqualTo("*");
            }
            if (laterSmall) {
                assertThat(r[h.indexOf("counted_per_1000_records_later")]).isEqualTo("*");
            }
            if ((earlierSmall || laterSmall) && e[1] > 0 && e[3] > 0) {
                // Neither the change nor the verdict may carry a hidden rate.
                assertThat(r[h.indexOf("change_per_1000_records")]).isEqualTo("*");
                assertThat(r[h.indexOf("beyond_chance")]).isIn("*", "not tested: no organisation code");
                hidden++;
            }
            assertThat(r[h.indexOf("z")]).isEmpty();
            assertThat(r[h.indexOf("p_value")]).isEmpty();
        }
        assertThat(hidden).as("some small rows, so the rules were exercised").isPositive();
    }

    /** table|unit -> counted and records in 2023/24, counted and records in 2024/25, from the extract. */
    private static Map<String, long[]> recountYears(Path extract, Map<Long, String> statuses) throws IOException {
        List<Rfc4180Reader.Row> rows = Rfc4180Reader.readAll(Files.readString(extract), ',');
        List<String> header = List.of(rows.get(0).fields());
        int provider = header.indexOf("Der_Provider_Code");
        int commissioner = header.indexOf("Der_Commissioner_Code");
        int date = header.indexOf("Appointment_Date");
        Map<String, long[]> out = new HashMap<>();
        for (Rfc4180Reader.Row row : rows.subList(1, rows.size())) {
            String[] f = row.fields();
            String m = month(f[date]);
            int at = m.compareTo("2023-04") >= 0 && m.compareTo("2024-03") <= 0 ? 0
                    : m.compareTo("2024-04") >= 0 && m.compareTo("2025-03") <= 0 && !m.equals("unknown") ? 2 : -1;
            if (at < 0) {
                continue;
            }
            boolean counted = statuses.getOrDefault(row.number(), "unmatched").startsWith("counted");
            for (String key : List.of("whole|whole extract", "provider|" + code(f[provider]), "commissioner|" + code(f[commissioner]))) {
                long[] v = out.computeIfAbsent(key, k -> new long[4]);
                v[at] += counted ? 1 : 0;
                v[at + 1]++;
            }
        }
        return out;
    }

    private static String code(String field) {
        String t = field.strip();
        return t.isEmpty() ? "unknown" : t.toUpperCase(java.util.Locale.ROOT);
    }

    private static ImagingReport.Options options(Disclosure d, String period) throws IOException {
        ImagingReport.Options o = options(d);
        return new ImagingReport.Options(o.title(), o.sampleData(), d, o.population(),
                Optional.of(org.backcheck.report.ReportPeriod.parse(period)));
    }

    /**
     * Disclosure control of the SPC rate charts, recounted: a provider's chart leaves out exactly the months
     * in the period whose rate the HES rules suppress, charts the others at the recounted rate, takes its mean
     * from those months alone, is drawn only when at most a quarter of its months are left out, and no left-out
     * month appears in the report's hover texts or signals.
     */
    @Test
    void controlledSpcChartsUseOnlyTheMonthsWhoseRateIsShown() throws IOException {
        Path out = dir.resolve("controlled-spc");
        ImagingReport.Options base = options(Disclosure.CONTROLLED);
        ImagingReport.Options withStats = new ImagingReport.Options(base.title(), base.sampleData(), base.disclosure(),
                base.population(), base.period(), new org.backcheck.report.StatsOptions(java.util.OptionalDouble.of(11.5),
                java.util.OptionalDouble.of(30), java.util.OptionalInt.empty(), List.of(), org.backcheck.report.FunnelRatioMethod.SHMI));
        ReportFiles.write(ImagingReport.of(summary, withStats), out);
        JsonNode json = new ObjectMapper().readTree(out.resolve(ReportFiles.JSON).toFile());
        String html = Files.readString(out.resolve(ReportFiles.HTML));
        String first = json.path("period").path("first_month").asText();
        String last = json.path("period").path("last_month").asText();
        assertThat(json.path("comparators").path("benchmark_per_1000_records").asDouble()).isEqualTo(11.5);
        int charted = 0;
        int hiddenSeen = 0;
        for (JsonNode p : json.path("providers")) {
            String code = p.path("provider").asText();
            if (code.equals("unknown")) {
                continue;
            }
            List<String> shownMonths = new ArrayList<>();
            List<String> hiddenMonths = new ArrayList<>();
            double sum = 0;
            for (var e : new TreeMap<>(recount).entrySet()) {
                String[] k = e.getKey().split("\\|", -1);
                if (!k[0].equals("provider_month") || !k[1].equals(code) || k[3].equals("unknown")
                        || k[3].compareTo(first) < 0 || k[3].compareTo(last) > 0) {
                    continue;
                }
                long records = e.getValue()[0];
                long counted = e.getValue()[1];
                if (small(counted) || small(records) || small(records - counted)) {
                    hiddenMonths.add(k[3]);
                } else {
                    shownMonths.add(k[3]);
                    // Rates of the published counts (Disclosure.ratio says why not of the exact ones).
                    sum += 1000.0 * Disclosure.roundToFive(counted) / Disclosure.roundToFive(records);
                }
            }
            JsonNode spc = p.path("spc");
            boolean chartable = shownMonths.size() >= 2 && hiddenMonths.size() * 4 <= shownMonths.size() + hiddenMonths.size();
            assertThat(spc.isNull() || spc.isMissingNode()).as(code + " not charted").isEqualTo(!chartable);
            if (!chartable) {
                assertThat(p.path("spc_not_charted").asText()).as(code).isNotEmpty();
                continue;
            }
            charted++;
            hiddenSeen += hiddenMonths.size();
            assertThat(spc.path("points").asInt()).as(code).isEqualTo(shownMonths.size());
            List<String> notCharted = new ArrayList<>();
            spc.path("months_not_charted").forEach(m -> notCharted.add(m.asText()));
            assertThat(notCharted).as(code).isEqualTo(hiddenMonths);
            assertThat(spc.path("mean").isNumber()).as(code + " mean given").isTrue();
            assertThat(spc.path("mean").asDouble()).as(code + " mean").isCloseTo(sum / shownMonths.size(),
                    org.assertj.core.api.Assertions.within(0.0051));
            for (String m : hiddenMonths) {
                assertThat(p.path("spc_signals").has(m)).as(code + " " + m).isFalse();
                assertThat(html).as(code + " " + m + " hover").doesNotContain("<title>" + code + ", " + m + ":");
            }
            for (String m : shownMonths) {
                assertThat(html).as(code + " " + m + " hover").contains("<title>" + code + ", " + m + ":");
            }
        }
        assertThat(charted).as("some providers are charted").isGreaterThan(0);
        assertThat(hiddenSeen).as("some charted providers have months left out").isGreaterThan(0);
        assertThat(html).contains("benchmark 11.50").contains("Against benchmark");
    }

    private static ImagingReport.Options options(Disclosure d) throws IOException {
        Path pop = dir.resolve("population.csv");
        ExtractGenerator.writeSamplePopulation(pop);
        return new ImagingReport.Options("test", true, d, Optional.of(Population.read(pop)), Optional.empty(),
                Organisations.read(List.of(dir.resolve(ExtractGenerator.SAMPLE_ORGANISATIONS))));
    }

    private static boolean small(long n) {
        return n >= 1 && n <= 7;
    }

    /** Reads aggregates.csv (uncontrolled: every figure a number) into the recount's shape. */
    private static Map<String, long[]> readAggregates(Path csv, Disclosure d) throws IOException {
        List<String[]> rows = AuditOutputs.csv(csv);
        List<String> header = List.of(rows.get(0));
        Map<String, long[]> out = new TreeMap<>();
        for (String[] r : rows.subList(1, rows.size())) {
            long[] v = new long[5];
            v[0] = Long.parseLong(r[header.indexOf("records")]);
            for (int i = 0; i < 4; i++) {
                v[i + 1] = Long.parseLong(r[header.indexOf(STATUSES[i])]);
            }
            assertThat(out.put(key(r), v)).as("duplicate row " + key(r)).isNull();
        }
        return out;
    }

    private static String key(String[] r) {
        return r[0] + "|" + r[1] + "|" + r[2] + "|" + r[3] + "|" + r[4] + "|" + r[5];
    }

    /** Counts every grain from the extract and the row statuses, without Backcheck's own parsing. */
    private static Map<String, long[]> recount(Path extract, Map<Long, String> statuses) throws IOException {
        List<Rfc4180Reader.Row> rows = Rfc4180Reader.readAll(Files.readString(extract), ',');
        List<String> header = List.of(rows.get(0).fields());
        int provider = header.indexOf("Der_Provider_Code");
        int commissioner = header.indexOf("Der_Commissioner_Code");
        int date = header.indexOf("Appointment_Date");
        int sus = header.indexOf("Age_at_Start_of_Episode_SUS");
        int cds = header.indexOf("Der_Age_at_CDS_Activity_Date");
        int tfc = header.indexOf("Treatment_Function_Code");
        Map<String, long[]> out = new HashMap<>();
        for (Rfc4180Reader.Row row : rows.subList(1, rows.size())) {
            String[] f = row.fields();
            String status = statuses.getOrDefault(row.number(), "unmatched");
            int s = status.startsWith("counted") ? 1 : status.startsWith("excluded") ? 2 : status.equals("unmatched") ? 3 : 4;
            String p = org(f[provider]).toUpperCase(java.util.Locale.ROOT);
            String c = org(f[commissioner]).toUpperCase(java.util.Locale.ROOT);
            String m = month(f[date]);
            String band = s == 4 ? "unknown" : band(f[sus], f[cds]);
            String sp = f[tfc].strip().isEmpty() ? "unknown" : f[tfc].strip().toUpperCase(java.util.Locale.ROOT);
            List<String> keys = new ArrayList<>(List.of("total|||||", "provider|" + p + "||||", "commissioner||" + c + "|||",
                    "provider_month|" + p + "||" + m + "||", "commissioner_month||" + c + "|" + m + "||",
                    "age_band||||" + band + "|", "month|||" + m + "||", "specialty|||||" + sp,
                    "provider_parent|" + parent(p) + "||||", "commissioner_parent||" + parent(c) + "|||"));
            for (String k : keys) {
                long[] v = out.computeIfAbsent(k, x -> new long[5]);
                v[0]++;
                v[s]++;
            }
        }
        return out;
    }

    /** The code's parent in the organisations file; itself when it has none or is not in the file. */
    private static String parent(String code) {
        String[] org = organisations.get(code);
        return org == null || org[1].isEmpty() ? code : org[1];
    }

    private static String org(String code) {
        String t = code.strip();
        return t.isEmpty() ? "unknown" : t;
    }

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter UK = DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);

    private static String month(String text) {
        String t = text.strip();
        for (DateTimeFormatter f : List.of(ISO, UK)) {
            try {
                LocalDate d = LocalDate.parse(t.length() >= 10 ? t.substring(0, 10) : t, f);
                if (d.getYear() >= 1990 && d.getYear() <= 2089) {
                    return d.getYear() + "-" + String.format("%02d", d.getMonthValue());
                }
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return "unknown";
    }

    /** The measure's age (SUS, else CDS) in the report's bands; the generator writes plain or padded whole numbers. */
    private static String band(String sus, String cds) {
        String a = sus.strip().isEmpty() ? cds.strip() : sus.strip();
        if (a.isEmpty()) {
            return "unknown";
        }
        long age = Long.parseLong(a.startsWith("+") ? a.substring(1) : a);
        if (age >= 7001 && age <= 7007) {
            return "0-18";
        }
        long[] lower = {0, 19, 30, 40, 50, 60, 70, 80, 121};
        String[] names = {"0-18", "19-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-120"};
        if (age < 0 || age > 120) {
            return "other";
        }
        for (int i = names.length - 1; i >= 0; i--) {
            if (age >= lower[i]) {
                return names[i];
            }
        }
        throw new AssertionError(age);
    }
}
