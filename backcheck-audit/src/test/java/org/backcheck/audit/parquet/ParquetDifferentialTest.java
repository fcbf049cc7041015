package org.backcheck.audit.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backcheck.audit.parquet.ParquetFixtures.assertSameAudit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.backcheck.audit.Audit;
import org.backcheck.audit.AuditOptions;
import org.backcheck.report.AuditFigures;
import org.backcheck.audit.generate.ExtractGenerator;
import org.backcheck.report.Disclosure;
import org.backcheck.report.ImagingReport;
import org.backcheck.report.ReportFiles;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same data as CSV and as Parquet must give the same audit: matches.csv and rejected.csv byte
 * for byte, summary.json equal but for the input's name, under both NULL policies. One generated
 * extract (every status, unreadable and infant ages, quoted fields with line breaks, lower-case
 * and APC-style codes) plus hand-written rows with the characters CSV quoting is about, written
 * as Parquet three ways: all text by parquet-floor's writer; all text by DuckDB in small row
 * groups (so rows run across many row groups and dictionary pages) and with the columns in
 * another order; and typed as a warehouse
 * export is (ages INT32 with nulls, the appointment date a DATE), checked against a CSV of the
 * same typed values. A folder of three part files must equal the single file.
 */
class ParquetDifferentialTest {

    private static final long ROWS = 30_000;
    private static final long SEED = 2026_1121L;
    private static final List<String> HEADER = ExtractGenerator.HEADER;
    private static final int AGE_SUS = HEADER.indexOf("Age_at_Start_of_Episode_SUS");
    private static final int AGE_CDS = HEADER.indexOf("Der_Age_at_CDS_Activity_Date");
    private static final int DATE = HEADER.indexOf("Appointment_Date");

    @TempDir
    static Path work;

    private static Path csv;
    private static Path textParquet;
    private static Path duckDbParquet;
    private static Path typedParquet;
    private static Path typedCsv;
    private static Path parts;
    private static List<String[]> rows;

    @BeforeAll
    static void writeOneDataSetFourWays() throws Exception {
        ParquetFixtures.Generated generated = ParquetFixtures.generate(ROWS, SEED);
        rows = new ArrayList<>(generated.rows());
        rows.addAll(handWrittenRows());
        // The CSV: the generator's own bytes, then the hand-written rows.
        StringBuilder more = new StringBuilder();
        handWrittenRows().forEach(r -> more.append(ParquetFixtures.csvLine((Object[]) r)));
        csv = work.resolve("opa.csv");
        Files.write(csv, generated.csv());
        Files.writeString(csv, more, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        textParquet = ParquetFixtures.write(work.resolve("opa.parquet"), ParquetFixtures.textSchema(HEADER),
                ParquetFixtures.asStrings(rows));
        // Another column order (exports order columns as they like): reversed, then the SUS age last,
        // where a value ending in CR must be quoted to keep it (an age of "45\r" is not a whole number).
        List<Integer> order = new ArrayList<>();
        for (int c = HEADER.size() - 1; c >= 0; c--) {
            if (c != AGE_SUS) {
                order.add(c);
            }
        }
        order.add(AGE_SUS);
        List<String> reorderedHeader = order.stream().map(HEADER::get).toList();
        List<String[]> reorderedRows = new ArrayList<>();
        for (String[] r : rows) {
            reorderedRows.add(order.stream().map(c -> r[c]).toArray(String[]::new));
        }
        duckDbParquet = ParquetFixtures.writeWithDuckDb(work.resolve("opa-duckdb.parquet"), reorderedHeader, reorderedRows, 2048);

        List<Object[]> typed = typed(rows);
        typedParquet = ParquetFixtures.write(work.resolve("opa-typed.parquet"), typedSchema(), typed);
        typedCsv = ParquetFixtures.writeCsv(work.resolve("opa-typed.csv"), HEADER, typedAsText(typed));

        // Spark's way: part files in name order, with markers to ignore. Written last part first, uneven sizes.
        parts = Files.createDirectories(work.resolve("opa-parts"));
        List<Object[]> strings = ParquetFixtures.asStrings(rows);
        int a = 7_001;
        int b = 19_999;
        ParquetFixtures.write(parts.resolve("part-00002-3f1c.c000.snappy.parquet"), ParquetFixtures.textSchema(HEADER),
                strings.subList(b, strings.size()));
        ParquetFixtures.write(parts.resolve("part-00001-3f1c.c000.snappy.parquet"), ParquetFixtures.textSchema(HEADER),
                strings.subList(a, b));
        ParquetFixtures.write(parts.resolve("part-00000-3f1c.c000.snappy.parquet"), ParquetFixtures.textSchema(HEADER),
                strings.subList(0, a));
        Files.writeString(parts.resolve("_SUCCESS"), "");
        Files.writeString(parts.resolve(".part-00000-3f1c.c000.snappy.parquet.crc"), "crc");
        Files.writeString(parts.resolve("part-00001-3f1c.c000.snappy.parquet.crc"), "crc");
    }

    /** Values where CSV quoting matters, and rows of nothing but nulls or spaces. */
    private static List<String[]> handWrittenRows() {
        List<String[]> out = new ArrayList<>();
        String[][] cells = {
            {"id,with,commas", "A81\"quoted\"", "2024-05-31", "RXH", "99E", "110", "1", "5", "01", "45", "", "M54.5", "U054, Z943"},
            {"crlf\r\nid", "x", "31/05/2024", "rxh", "99e", "110", "1", "5", "02", "46", "", "", "\"U055\""},
            {"\"starts with a quote", "", "20240531", "RXH ", "", "", "", "", " 02", " 47 ", "", "C50\rX", "U05\n4"},
            {"", "", "", "", "", "", "", "", "", "", "", "", ""},
            {"   ", "   ", "   ", "   ", "   ", "   ", "   ", "   ", "   ", "   ", "   ", "   ", "   "},
            {"unicode-é", "ü", "2024-02-30", "R1H", "15N", "110", "1", "5", "01", "7001", "45", "", "U212,Z665"},
            {"trailing-cr\r", "", "2024-06-01T09:30:00", "RXH", "99E", "110", "1", "5", "01\r", "45\r", "", "", "U054\r"},
        };
        for (String[] r : cells) {
            out.add(r.clone());
        }
        return out;
    }

    private static MessageType typedSchema() {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (int c = 0; c < HEADER.size(); c++) {
            if (c == AGE_SUS || c == AGE_CDS) {
                b.optional(PrimitiveTypeName.INT32).named(HEADER.get(c));
            } else if (c == DATE) {
                b.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(HEADER.get(c));
            } else {
                b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(HEADER.get(c));
            }
        }
        return b.named("opa");
    }

    /**
     * The rows as a warehouse with typed columns would hold them: an age that is not a whole number
     * of int size is NULL there, as is a date that is none of the extract's formats or not a real
     * day; other columns as text, empty as NULL.
     */
    private static List<Object[]> typed(List<String[]> text) {
        List<Object[]> out = new ArrayList<>(text.size());
        for (String[] r : text) {
            Object[] o = new Object[r.length];
            for (int c = 0; c < r.length; c++) {
                String v = r[c];
                if (c == AGE_SUS || c == AGE_CDS) {
                    o[c] = v.strip().matches("[+-]?[0-9]{1,9}") ? Integer.valueOf(Integer.parseInt(v.strip())) : null;
                } else if (c == DATE) {
                    o[c] = date(v).map(d -> (Object) Integer.valueOf((int) d.toEpochDay())).orElse(null);
                } else {
                    o[c] = v.isEmpty() ? null : v;
                }
            }
            out.add(o);
        }
        return out;
    }

    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT));

    private static Optional<LocalDate> date(String text) {
        String t = text.strip();
        for (DateTimeFormatter f : DATE_FORMATS) {
            try {
                return Optional.of(LocalDate.parse(t, f));
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        return Optional.empty();
    }

    /** The typed rows as an analyst's CSV export writes them: numbers in decimal, dates as yyyy-MM-dd, NULL as nothing. */
    private static List<Object[]> typedAsText(List<Object[]> typed) {
        List<Object[]> out = new ArrayList<>(typed.size());
        for (Object[] r : typed) {
            Object[] o = r.clone();
            if (r[DATE] != null) {
                o[DATE] = LocalDate.ofEpochDay((Integer) r[DATE]).toString();
            }
            out.add(o);
        }
        return out;
    }

    private static Path audit(Path input, String out, NullPolicy policy) throws Exception {
        Path dir = work.resolve(out + "-" + policy.id());
        Audit.run(AuditOptions.of(input, dir).withNullPolicy(policy));
        return dir;
    }

    @Test
    void theDataSetHasTheCasesThatMatter() throws Exception {
        AuditFigures s = Audit.run(AuditOptions.of(csv, work.resolve("check")));
        assertThat(s.rowsRead()).isEqualTo(ROWS + handWrittenRows().size());
        assertThat(s.counted()).isPositive();
        assertThat(s.excluded()).isPositive();
        assertThat(s.rejected()).isPositive();
        assertThat(s.nullPolicySensitiveRows()).isPositive();
        assertThat(rows).anyMatch(r -> String.join("", r).contains("\n"));
        assertThat(rows).anyMatch(r -> String.join("", r).contains("\""));
        // Typing the ages turns unreadable ones into NULLs, so the typed file is a different extract.
        assertThat(Files.readAllBytes(typedCsv)).isNotEqualTo(Files.readAllBytes(csv));
        long typedRejected = Audit.run(AuditOptions.of(typedCsv, work.resolve("check-typed"))).rejected();
        assertThat(typedRejected).isLessThan(s.rejected());
    }

    @ParameterizedTest
    @EnumSource(NullPolicy.class)
    void textParquetAuditsAsTheCsv(NullPolicy policy) throws Exception {
        assertSameAudit(audit(csv, "csv", policy), audit(textParquet, "parquet", policy));
    }

    @ParameterizedTest
    @EnumSource(NullPolicy.class)
    void duckDbParquetInManyRowGroupsAndAnotherColumnOrderAuditsAsTheCsv(NullPolicy policy) throws Exception {
        assertSameAudit(audit(csv, "csv", policy), audit(duckDbParquet, "duckdb", policy));
    }

    @ParameterizedTest
    @EnumSource(NullPolicy.class)
    void typedParquetAuditsAsACsvOfTheSameValues(NullPolicy policy) throws Exception {
        assertSameAudit(audit(typedCsv, "typed-csv", policy), audit(typedParquet, "typed-parquet", policy));
    }

    @ParameterizedTest
    @EnumSource(NullPolicy.class)
    void aFolderOfPartsAuditsAsTheSingleFile(NullPolicy policy) throws Exception {
        assertSameAudit(audit(textParquet, "parquet", policy), audit(parts, "parts", policy));
    }

    @Test
    void theReportIsTheSameButForTheFileNameAndTheRunsRecord() throws Exception {
        Path fromCsv = work.resolve("report-csv");
        Path fromParquet = work.resolve("report-parquet");
        ImagingReport.Options options = new ImagingReport.Options("t", false, Disclosure.NONE, Optional.empty());
        AuditFigures csvRun = Audit.run(AuditOptions.of(csv, fromCsv));
        AuditFigures parquetRun = Audit.run(AuditOptions.of(textParquet, fromParquet));
        // The runs' records differ in the input's identity, maybe the time, and Parquet has no delimiter.
        assertThat(parquetRun.run().input().sha256()).isNotEqualTo(csvRun.run().input().sha256());
        assertThat(csvRun.run().engineOptions()).containsExactly("--engine", "single", "--null-policy", "clinical",
                "--delimiter", "comma");
        assertThat(parquetRun.run().engineOptions()).containsExactly("--engine", "single", "--null-policy", "clinical");
        ReportFiles.write(ImagingReport.of(csvRun, options), fromCsv);
        ReportFiles.write(ImagingReport.of(parquetRun.withRun(csvRun.run()), options), fromParquet);
        assertThat(Files.readString(fromParquet.resolve(ReportFiles.CSV)))
                .isEqualTo(Files.readString(fromCsv.resolve(ReportFiles.CSV)));
        for (String file : List.of(ReportFiles.JSON, ReportFiles.HTML)) {
            assertThat(Files.readString(fromParquet.resolve(file)).replace("opa.parquet", "opa.csv"))
                    .as(file).isEqualTo(Files.readString(fromCsv.resolve(file)));
        }
    }
}
