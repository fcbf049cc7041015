package org.backcheck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.backcheck.classify.Classifier;
import org.backcheck.classify.Fields;
import org.backcheck.classify.Outcome;
import org.backcheck.classify.Status;
import org.backcheck.measure.Column;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.backcheck.report.AuditFigures;
import org.backcheck.report.StatusCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated, well-formed extracts in every supported format (delimiter, CRLF/LF, BOM, gzip, any
 * column order and header case, quoted fields holding delimiters, quotes and line breaks, blank
 * lines, no final line feed) audited at many chunk sizes and thread counts. The expected outputs
 * are built here, from the generated values, by the core classifier applied to each record: the
 * audit's matches.csv and rejected.csv must be byte for byte those, and the summary's counts too.
 */
class ScanDifferentialTest {

    @TempDir
    Path dir;

    private static final Measure MEASURE = Measure.lowerBackImaging();
    private static final Classifier CLASSIFIER = new Classifier(MEASURE);

    private static final String[] IDS = {"A1", "", " B2 ", "C,3", "D\"4\"", "E\n5", "F\r\n6", "é7", "G;8", "H|9", "I\t10"};
    private static final String[] DATES = {"2024-01-02", "2023-12-31", "", "15/04/2024", "20240415", "next week",
        "2024-13-01", " 2024-02-29", "2024-04-15 09:30:00"};
    private static final String[] PROVIDERS = {"RXH", "R0A", "", " RXH ", "ÅBC", "RXH01AB", "RXH01ABC", "ÅÅÅÅ", "LONG-SITE-CODE-9",
        "P,Q", "P\"Q", "é", "unknown", "1234567", "12345678"};
    private static final String[] CATEGORIES = {"01", "02", "2", "", " ", "02 ", "04", "0\n2"};
    private static final String[] AGES = {"45", "", "18", "19", "120", "121", "7001", "45.5", " 45", "x", "+30", "-3", " ",
        "45 ", "1234567890123456789"};
    private static final String[] DIAGNOSES = {"", "", "", "", "M545", "C509", "M545\nC795", "D37\r\nM545", "say \"hi\"",
        "d0,x", "M54|D45", "Ω C10"};
    private static final String[] PROCEDURES = {"U054", "U055", "X999", "U135,Z665", "U135", "\"quoted\" U055", "",
        "u055\nX999", "Z665,\nU212", "U212|O162", "U216;Z665 ", "U054 ", "Ω U054", "U13\n2Z665", "\"", "\"\""};
    private static final String[] OTHER = {"", "x", "a,b", "\"", "\n", "\r\n", "line1\nline2\r\nline3", "  ", ";|\t,"};

    /** The measure's columns plus the ones used when present, and one the audit ignores. */
    private static final List<String> COLUMNS = List.of("OPA_Ident", "Appointment_Date", "Der_Provider_Code",
            "Administrative_Category", "Age_at_Start_of_Episode_SUS", "Der_Age_at_CDS_Activity_Date",
            "Der_Diagnosis_All", "Der_Procedure_All", "Notes");

    /** One generated extract, with what the audit must write for it. */
    record Case(byte[] bytes, boolean gzip, char delimiter, String matches, String rejected, Expected expected) { }

    /** The summary's figures, computed here. */
    record Expected(long rows, long[] statuses, long blankLines, Map<String, Long> byReason, long sensitive,
                    long otherCounted, long otherExcluded, Map<String, List<Long>> byProvider,
                    Map<String, List<Long>> byMonth) { }

    static Case generate(SplittableRandom random, int rowCount, NullPolicy policy) {
        char delimiter = ",|\t;".charAt(random.nextInt(4));
        String lineEnd = random.nextBoolean() ? "\n" : "\r\n";
        boolean bom = random.nextInt(3) == 0;
        boolean quoteHeader = random.nextInt(3) == 0;
        boolean finalLineFeed = random.nextInt(4) != 0;
        int quoteEvery = random.nextInt(4); // 0: only where needed
        List<String> columns = new ArrayList<>(COLUMNS);
        boolean hasNotes = random.nextBoolean();
        boolean hasId = random.nextInt(5) != 0;
        boolean hasProvider = random.nextInt(5) != 0;
        boolean hasDate = random.nextInt(5) != 0;
        if (!hasNotes) {
            columns.remove("Notes");
        }
        if (!hasId) {
            columns.remove("OPA_Ident");
        }
        if (!hasProvider) {
            columns.remove("Der_Provider_Code");
        }
        if (!hasDate) {
            columns.remove("Appointment_Date");
        }
        for (int i = columns.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = columns.get(i);
            columns.set(i, columns.get(j));
            columns.set(j, t);
        }
        StringBuilder text = new StringBuilder(bom ? "\uFEFF" : "");
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                text.append(delimiter);
            }
            String name = switch (random.nextInt(3)) {
                case 0 -> columns.get(i).toLowerCase(Locale.ROOT);
                case 1 -> columns.get(i).toUpperCase(Locale.ROOT);
                default -> columns.get(i);
            };
            text.append(quoteHeader ? "\"" + name + "\"" : name);
        }
        if (rowCount > 0 || finalLineFeed) {
            text.append(lineEnd);
        }

        StringBuilder matches = new StringBuilder("row,id,status,reason,matched_codes\n");
        StringBuilder rejected = new StringBuilder("row,id,field,reason\n");
        long[] statuses = new long[Status.values().length];
        long blank = 0;
        Map<String, Long> byReason = new TreeMap<>();
        MEASURE.exclusions().forEach(e -> byReason.put(e.name(), 0L));
        long sensitive = 0;
        long otherCounted = 0;
        long otherExcluded = 0;
        Map<String, long[]> byProvider = new TreeMap<>();
        Map<String, long[]> byMonth = new TreeMap<>();
        for (int row = 1; row <= rowCount; row++) {
            while (random.nextInt(8) == 0) {
                text.append(random.nextBoolean() ? "\n" : "\r\n");
                blank++;
            }
            Map<String, String> values = new LinkedHashMap<>();
            values.put("OPA_Ident", hasId ? pick(random, IDS) : "");
            values.put("Appointment_Date", hasDate ? pick(random, DATES) : "");
            values.put("Der_Provider_Code", hasProvider ? pick(random, PROVIDERS) : "");
            values.put("Administrative_Category", pick(random, CATEGORIES));
            values.put("Age_at_Start_of_Episode_SUS", pick(random, AGES));
            values.put("Der_Age_at_CDS_Activity_Date", pick(random, AGES));
            values.put("Der_Diagnosis_All", pick(random, DIAGNOSES));
            values.put("Der_Procedure_All", pick(random, PROCEDURES));
            values.put("Notes", pick(random, OTHER));
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    text.append(delimiter);
                }
                String v = values.get(columns.get(i));
                boolean needs = v.indexOf(delimiter) >= 0 || v.contains("\"") || v.contains("\n") || v.contains("\r")
                        || (quoteEvery > 0 && random.nextInt(quoteEvery + 1) == 0);
                text.append(needs ? '"' + v.replace("\"", "\"\"") + '"' : v);
            }
            if (row < rowCount || finalLineFeed) {
                text.append(lineEnd);
            }

            String[] measureFields = CLASSIFIER.columns().stream().map(Column::name)
                    .map(name -> values.get(COLUMNS.stream().filter(name::equalsIgnoreCase).findFirst().orElseThrow()))
                    .toArray(String[]::new);
            Outcome o = CLASSIFIER.classify(Fields.of(measureFields), policy);
            statuses[o.status().ordinal()]++;
            String id = hasId ? values.get("OPA_Ident").strip() : "";
            if (o.status() == Status.REJECTED) {
                rejected.append(row).append(',').append(csv(id)).append(',')
                        .append(csv(String.join(";", o.problems().stream().map(Outcome.Problem::field).toList())))
                        .append(',')
                        .append(csv(String.join("; ", o.problems().stream().map(Outcome.Problem::reason).toList())))
                        .append('\n');
            } else if (o.status() != Status.UNMATCHED) {
                matches.append(row).append(',').append(csv(id)).append(',').append(o.status().id()).append(',')
                        .append(csv(String.join(";", o.reasons()))).append(',').append(csv(String.join(";", o.matchedCodes())))
                        .append('\n');
                o.reasons().forEach(r -> byReason.merge(r, 1L, Long::sum));
                if (o.policySensitive()) {
                    sensitive++;
                }
                boolean otherCounts = o.policySensitive() != (o.status() == Status.COUNTED);
                if (otherCounts) {
                    otherCounted++;
                } else {
                    otherExcluded++;
                }
            }
            // Organisation codes are compared without regard to case (a literal "unknown" code is "UNKNOWN").
            String provider = values.get("Der_Provider_Code").strip().toUpperCase(java.util.Locale.ROOT);
            byProvider.computeIfAbsent(provider.isEmpty() ? "unknown" : provider, k -> new long[4])[o.status().ordinal()]++;
            byMonth.computeIfAbsent(month(values.get("Appointment_Date")), k -> new long[4])[o.status().ordinal()]++;
        }
        if (random.nextInt(4) == 0 && finalLineFeed) {
            text.append(lineEnd);
            blank++;
        }
        boolean gzip = random.nextInt(4) == 0;
        Expected expected = new Expected(rowCount, statuses, blank, byReason, sensitive, otherCounted, otherExcluded,
                hasProvider ? lists(byProvider) : Map.of(), hasDate ? lists(byMonth) : Map.of());
        return new Case(text.toString().getBytes(StandardCharsets.UTF_8), gzip, delimiter, matches.toString(),
                rejected.toString(), expected);
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** RFC 4180 quoting, as the outputs must have it. */
    static String csv(String s) {
        String afterSpaces = s.replaceFirst("^ +", "");
        if (!s.isEmpty() && ("\t\r'".indexOf(s.charAt(0)) >= 0 || !afterSpaces.isEmpty() && "=+-@".indexOf(afterSpaces.charAt(0)) >= 0)) {
            // Text a spreadsheet would take for a formula gets a leading quote (README: Safe to open in a spreadsheet).
            return '"' + ("'" + s).replace("\"", "\"\"") + '"';
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") || s.contains(";") || s.contains("\t")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** The month of the few date forms generated here (a deliberately plain reading). */
    static String month(String date) {
        String d = date.strip();
        java.util.regex.Matcher m;
        if ((m = java.util.regex.Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})( .*)?").matcher(d)).matches()
                || (m = java.util.regex.Pattern.compile("(\\d{4})(\\d{2})(\\d{2})").matcher(d)).matches()) {
            return valid(m.group(1), m.group(2), m.group(3));
        }
        if ((m = java.util.regex.Pattern.compile("(\\d{2})/(\\d{2})/(\\d{4})").matcher(d)).matches()) {
            return valid(m.group(3), m.group(2), m.group(1));
        }
        return "unknown";
    }

    private static String valid(String y, String m, String d) {
        int year = Integer.parseInt(y);
        int month = Integer.parseInt(m);
        int day = Integer.parseInt(d);
        return year >= 1990 && year <= 2089 && month >= 1 && month <= 12 && day >= 1
                && day <= java.time.YearMonth.of(year, month).lengthOfMonth() ? y + "-" + m : "unknown";
    }

    private static Map<String, List<Long>> lists(Map<String, long[]> m) {
        Map<String, List<Long>> out = new TreeMap<>();
        m.forEach((k, c) -> out.put(k, List.of(c[0] + c[1] + c[2] + c[3], c[0], c[1], c[2], c[3])));
        return out;
    }

    private static Map<String, List<Long>> lists2(Map<String, StatusCounts> m) {
        Map<String, List<Long>> out = new TreeMap<>();
        m.forEach((k, c) -> out.put(k, List.of(c.rows(), c.counted(), c.excluded(), c.unmatched(), c.rejected())));
        return out;
    }

    Path write(Case c, String name) throws IOException {
        Path file = dir.resolve(name + (c.gzip() ? ".csv.gz" : ".csv"));
        if (c.gzip()) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(c.bytes());
            }
        } else {
            Files.write(file, c.bytes());
        }
        return file;
    }

    void check(Case c, Path input, NullPolicy policy, int chunk, int threads, String what) throws IOException {
        Path out = dir.resolve("out");
        AuditOptions options = new AuditOptions(input, out, MEASURE, policy, null, null, threads);
        AuditFigures s = Audit.run(options, chunk);
        String as = what + ", chunk " + chunk + ", threads " + threads;
        assertThat(Files.readString(out.resolve("matches.csv"))).as("matches.csv, %s", as).isEqualTo(c.matches());
        assertThat(Files.readString(out.resolve("rejected.csv"))).as("rejected.csv, %s", as).isEqualTo(c.rejected());
        Expected e = c.expected();
        assertThat(s.rowsRead()).as("rows, %s", as).isEqualTo(e.rows());
        assertThat(new long[] {s.counted(), s.excluded(), s.unmatched(), s.rejected()}).as("statuses, %s", as)
                .containsExactly(e.statuses());
        assertThat(s.blankLinesSkipped()).as("blank lines, %s", as).isEqualTo(e.blankLines());
        assertThat(new TreeMap<>(s.excludedByReason())).as("by reason, %s", as).isEqualTo(e.byReason());
        assertThat(s.nullPolicySensitiveRows()).as("sensitive, %s", as).isEqualTo(e.sensitive());
        assertThat(s.otherPolicyCounted()).as("other counted, %s", as).isEqualTo(e.otherCounted());
        assertThat(s.otherPolicyExcluded()).as("other excluded, %s", as).isEqualTo(e.otherExcluded());
        assertThat(lists2(s.byProvider())).as("by provider, %s", as).isEqualTo(e.byProvider());
        assertThat(lists2(s.byMonth())).as("by month, %s", as).isEqualTo(e.byMonth());
        assertThat(s.delimiter()).as("delimiter, %s", as)
                .isEqualTo(Map.of(',', "comma", '|', "pipe", '\t', "tab", ';', "semicolon").get(c.delimiter()));
    }

    /** Small extracts cut at many chunk sizes, one to four threads. */
    @Test
    void manyChunkSizesGiveTheReferenceOutputs() throws Exception {
        SplittableRandom random = new SplittableRandom(20240501L);
        for (int n = 0; n < 5; n++) {
            NullPolicy policy = random.nextBoolean() ? NullPolicy.CLINICAL : NullPolicy.SQL;
            Case c = generate(random, random.nextInt(7), policy);
            Path input = write(c, "small-" + n);
            // Every size up to 64 (a cut at nearly every line feed), then a sample up to the whole file.
            for (int chunk = 1; chunk <= c.bytes().length + 2; chunk += chunk < 64 ? 1 : 1 + random.nextInt(5)) {
                check(c, input, policy, chunk, 1 + chunk % 4, "case " + n);
            }
        }
    }

    /** Larger extracts: a few chunk sizes, every thread count, the outputs identical to the reference. */
    @Test
    void largerExtractsAtSeveralChunkSizesAndThreadCounts() throws Exception {
        SplittableRandom random = new SplittableRandom(7_2024L);
        for (int n = 0; n < 4; n++) {
            NullPolicy policy = random.nextBoolean() ? NullPolicy.CLINICAL : NullPolicy.SQL;
            Case c = generate(random, 1000 + random.nextInt(1000), policy);
            Path input = write(c, "large-" + n);
            for (int chunk : new int[] {17, 300, 4096, 1 << 20}) {
                for (int threads = 1; threads <= 4; threads++) {
                    check(c, input, policy, chunk, threads, "case " + n);
                }
            }
        }
    }
}
