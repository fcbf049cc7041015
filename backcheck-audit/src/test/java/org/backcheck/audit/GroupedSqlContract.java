package org.backcheck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.backcheck.audit.generate.ExtractGenerator;
import org.backcheck.contract.MessyGroupKeys;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.backcheck.measure.sql.MeasureSql;
import org.backcheck.measure.sql.SqlDialect;
import org.backcheck.measure.sql.SqlForm;
import org.backcheck.measure.sql.SqlGrain;
import org.backcheck.measure.sql.TableName;
import org.backcheck.report.AuditFigures;
import org.backcheck.report.Disclosure;
import org.backcheck.report.ImagingReport;
import org.backcheck.report.ReportFiles;
import org.backcheck.report.ReportPeriod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code backcheck sql --grain} against {@code aggregates.csv}: a messy generated extract
 * ({@link MessyGroupKeys}) is audited by the single-machine engine and reported without disclosure
 * control, and loaded into a real database as an all-text table (empty fields NULL in even rows, ''
 * in odd ones); the grouped query, run as printed, must give every group of aggregates.csv with the
 * same records, counted, excluded, unmatched and rejected, and no other group. With {@code --period},
 * the groups are aggregates.csv's provider_month and month rows inside the period, summed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GroupedSqlContract {

    private static final long ROWS = 20_000;
    private static final String TABLE = "opa_messy";
    private static final String[] FIGURES = {"records", "counted", "excluded", "unmatched", "rejected"};

    @TempDir
    static Path dir;
    /** grain|provider|commissioner|month to the five figures, from aggregates.csv. */
    private final Map<String, long[]> aggregates = new TreeMap<>();
    private AuditFigures summary;

    abstract SqlDialect dialect();

    /** An open connection, the same on every call. */
    abstract Connection connection() throws Exception;

    /** Creates {@code table} with the header's columns as text and loads the rows (empty: NULL in even rows, '' in odd). */
    abstract void load(Connection c, String table, List<String[]> records) throws Exception;

    @BeforeAll
    void auditAndLoad() throws Exception {
        Path extract = dir.resolve("messy.csv");
        Path plain = dir.resolve("generated.csv");
        ExtractGenerator.write(new ExtractGenerator.Options(ROWS, 2026_1208L, ','), plain);
        List<String[]> records = MessyGroupKeys.of(Rfc4180Reader.readAll(Files.readString(plain, StandardCharsets.UTF_8), ',')
                .stream().map(Rfc4180Reader.Row::fields).toList(), 2026_1208L);
        Files.writeString(extract, MessyGroupKeys.csv(records), StandardCharsets.UTF_8);
        summary = Audit.run(AuditOptions.of(extract, dir.resolve("audit")));
        Path report = dir.resolve("report");
        ReportFiles.write(ImagingReport.of(summary, new ImagingReport.Options("t", true, Disclosure.NONE, Optional.empty())),
                report);
        List<String[]> csv = AuditOutputs.csv(report.resolve(ReportFiles.CSV));
        List<String> header = List.of(csv.get(0));
        for (String[] r : csv.subList(1, csv.size())) {
            long[] v = new long[FIGURES.length];
            for (int i = 0; i < FIGURES.length; i++) {
                v[i] = Long.parseLong(r[header.indexOf(FIGURES[i])]);
            }
            aggregates.put(r[0] + "|" + r[1] + "|" + r[2] + "|" + r[3], v);
        }
        assertThat(summary.rowsRead()).isEqualTo(ROWS);
        load(connection(), TABLE, records);
        firstRecords = records.subList(0, 2);
    }

    /** The header and the first row of the messy extract, a template for rows of other tests. */
    private List<String[]> firstRecords;

    /**
     * The difference docs/sql.md names: white space outside ASCII around a code (here U+3000 and U+2003)
     * is stripped by the audit ({@link String#strip}) but kept by the SQL. A no-break space (U+00A0) is
     * not white space to either, and a lower-case code is put in capitals by both.
     */
    @Test
    void whiteSpaceOutsideAsciiAroundACodeIsTheDocumentedDifference() throws Exception {
        List<String> codes = List.of("\u3000RXH", "\u00a0rxh", "\u2003", "rxh");
        int provider = List.of(firstRecords.get(0)).indexOf("Der_Provider_Code");
        List<String[]> records = new java.util.ArrayList<>();
        records.add(firstRecords.get(0));
        StringBuilder csv = new StringBuilder(String.join(",", firstRecords.get(0))).append('\n');
        for (String code : codes) {
            String[] f = firstRecords.get(1).clone();
            f[provider] = code;
            records.add(f);
            csv.append(String.join(",", java.util.Arrays.stream(f).map(v -> "\"" + v.replace("\"", "\"\"") + "\"").toList()))
                    .append('\n');
        }
        Path extract = dir.resolve("odd-codes.csv");
        Files.writeString(extract, csv, StandardCharsets.UTF_8);
        Path report = dir.resolve("odd-report");
        ReportFiles.write(ImagingReport.of(Audit.run(AuditOptions.of(extract, dir.resolve("odd-audit"))),
                new ImagingReport.Options("t", true, Disclosure.NONE, Optional.empty())), report);
        List<String> audited = AuditOutputs.csv(report.resolve(ReportFiles.CSV)).stream()
                .filter(r -> r[0].equals("provider")).map(r -> r[1]).toList();
        assertThat(audited).containsExactlyInAnyOrder("RXH", "\u00a0RXH", "unknown");
        load(connection(), "opa_odd_codes", records);
        Map<String, long[]> sql = run(query("opa_odd_codes", SqlGrain.PROVIDER, Optional.empty(), true), SqlGrain.PROVIDER);
        assertThat(sql.keySet()).containsExactlyInAnyOrder("provider|\u3000RXH||", "provider|\u00a0RXH||",
                "provider|\u2003||", "provider|RXH||");
    }

    /** An appointment date held as a DATE, not text, stops the query with an error rather than giving other months. */
    @Test
    void aDateColumnThatIsNotTextIsAnErrorNotAnotherMonth() throws Exception {
        try (Statement s = connection().createStatement()) {
            s.execute(ddl("opa_typed", firstRecords.get(0), "varchar").replace("Appointment_Date varchar", "Appointment_Date date"));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(query("opa_typed", SqlGrain.MONTH, Optional.empty(), true),
                SqlGrain.MONTH)).isInstanceOf(java.sql.SQLException.class).hasMessageContaining("trim");
    }

    private String query(SqlGrain grain, Optional<String> period, boolean statement) {
        return query(TABLE, grain, period, statement);
    }

    private String query(String table, SqlGrain grain, Optional<String> period, boolean statement) {
        return MeasureSql.select(Measure.lowerBackImaging(), dialect(), NullPolicy.CLINICAL, TableName.parse(table),
                new SqlForm(grain, period.map(ReportPeriod::parse), statement));
    }

    /** The groups a grouped query returns, keyed as {@link #aggregates}. */
    private Map<String, long[]> run(String sql, SqlGrain grain) throws Exception {
        Map<String, long[]> out = new TreeMap<>();
        try (Statement s = connection().createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                String provider = grain.id().startsWith("provider") ? r.getString("provider") : "";
                String commissioner = grain.id().startsWith("commissioner") ? r.getString("commissioner") : "";
                String month = grain.id().endsWith("month") ? r.getString("month") : "";
                long[] v = new long[FIGURES.length];
                for (int i = 0; i < FIGURES.length; i++) {
                    v[i] = r.getLong(FIGURES[i]);
                }
                String key = r.getString("grain") + "|" + provider + "|" + commissioner + "|" + month;
                assertThat(out.put(key, v)).as("one row per group: " + key).isNull();
            }
        }
        return out;
    }

    private Map<String, long[]> aggregatesOf(SqlGrain grain) {
        Map<String, long[]> out = new TreeMap<>();
        aggregates.forEach((k, v) -> {
            if (k.startsWith(grain.id() + "|")) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static void assertSameGroups(Map<String, long[]> actual, Map<String, long[]> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((k, v) -> assertThat(actual.get(k)).as(k).containsExactly(v));
    }

    @ParameterizedTest
    @EnumSource(value = SqlGrain.class, names = "ROW", mode = EnumSource.Mode.EXCLUDE)
    void eachGrainGivesTheFiguresOfAggregatesCsv(SqlGrain grain) throws Exception {
        Map<String, long[]> expected = aggregatesOf(grain);
        assertThat(expected).as("aggregates.csv has the grain " + grain.id()).isNotEmpty();
        assertSameGroups(run(query(grain, Optional.empty(), true), grain), expected);
    }

    @Test
    void theMessyKeysReallyOccur() {
        Map<String, long[]> months = aggregatesOf(SqlGrain.MONTH);
        assertThat(months).containsKeys("month|||unknown", "month|||1990-01", "month|||2089-12", "month|||2000-02");
        assertThat(aggregatesOf(SqlGrain.PROVIDER)).containsKeys("provider|unknown||", "provider|UNKNOWN||");
        assertThat(aggregatesOf(SqlGrain.PROVIDER).keySet()).anyMatch(k -> k.matches("provider\\|[A-Z0-9-]+ [A-Z0-9-]+\\|\\|"));
    }

    @Test
    void aPeriodKeepsTheMonthsFromFirstToLastAndNoUnknownMonth() throws Exception {
        YearMonth first = YearMonth.of(2024, 4);
        YearMonth last = YearMonth.of(2024, 9);
        Optional<String> period = Optional.of(first + ".." + last);
        Map<String, long[]> months = new TreeMap<>();
        Map<String, long[]> providers = new TreeMap<>();
        long[] total = new long[FIGURES.length];
        aggregatesOf(SqlGrain.PROVIDER_MONTH).forEach((k, v) -> {
            String month = k.substring(k.lastIndexOf('|') + 1);
            if (!month.equals("unknown") && !YearMonth.parse(month).isBefore(first) && !YearMonth.parse(month).isAfter(last)) {
                add(months.computeIfAbsent("month|||" + month, x -> new long[FIGURES.length]), v);
                add(providers.computeIfAbsent("provider|" + k.split("\\|", -1)[1] + "||", x -> new long[FIGURES.length]), v);
                add(total, v);
            }
        });
        assertThat(months).hasSize(6);
        assertSameGroups(run(query(SqlGrain.MONTH, period, true), SqlGrain.MONTH), months);
        assertSameGroups(run(query(SqlGrain.PROVIDER, period, true), SqlGrain.PROVIDER), providers);
        assertSameGroups(run(query(SqlGrain.TOTAL, period, false), SqlGrain.TOTAL), Map.of("total|||", total));
        // The row-level query keeps the same rows.
        Map<String, Long> byStatus = statuses(query(SqlGrain.ROW, period, false));
        assertThat(byStatus.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(total[0]);
        assertThat(byStatus.getOrDefault("counted", 0L)).isEqualTo(total[1]);
        // A period of one month: exactly that month's row of aggregates.csv.
        assertSameGroups(run(query(SqlGrain.MONTH, Optional.of("2024-02..2024-02"), true), SqlGrain.MONTH),
                Map.of("month|||2024-02", aggregates.get("month|||2024-02")));
    }

    @Test
    void theRowLevelQueryWorksAsASubqueryAndAsACte() throws Exception {
        String rows = query(SqlGrain.ROW, Optional.empty(), false);
        assertThat(rows).startsWith("-- Backcheck").endsWith(") AS judged\n");
        try (Statement s = connection().createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) AS n FROM (" + rows + ") q")) {
            r.next();
            assertThat(r.getLong("n")).isEqualTo(ROWS);
        }
        Map<String, Long> byStatus = statuses(rows);
        assertThat(byStatus).containsEntry("counted", summary.counted()).containsEntry("excluded", summary.excluded())
                .containsEntry("unmatched", summary.unmatched()).containsEntry("rejected", summary.rejected());
        // The grouped query pasted the same way.
        try (Statement s = connection().createStatement(); ResultSet r = s.executeQuery(
                "SELECT sum(records) AS n FROM (" + query(SqlGrain.PROVIDER_MONTH, Optional.empty(), false) + ") q")) {
            r.next();
            assertThat(r.getLong("n")).isEqualTo(ROWS);
        }
    }

    /** Rows per status of the row-level query, read through a CTE. */
    private Map<String, Long> statuses(String rowQuery) throws Exception {
        Map<String, Long> out = new HashMap<>();
        try (Statement s = connection().createStatement();
             ResultSet r = s.executeQuery("WITH judged_rows AS (" + rowQuery + ")\n"
                     + "SELECT status, count(*) AS n FROM judged_rows GROUP BY status")) {
            while (r.next()) {
                out.put(r.getString("status"), r.getLong("n"));
            }
        }
        return out;
    }

    private static void add(long[] sum, long[] v) {
        for (int i = 0; i < v.length; i++) {
            sum[i] += v[i];
        }
    }

    /** The DDL of an all-text table with the header's columns, unquoted. */
    static String ddl(String table, String[] header, String textType) {
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + table + " (");
        for (int i = 0; i < header.length; i++) {
            ddl.append(i > 0 ? ", " : "").append(header[i]).append(' ').append(textType);
        }
        return ddl.append(')').toString();
    }

    /** The records after the header, an empty field NULL in even rows and '' in odd ones, as importers differ. */
    static List<Object[]> values(List<String[]> records) {
        List<Object[]> out = new java.util.ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            Object[] row = new Object[records.get(i).length];
            for (int j = 0; j < row.length; j++) {
                String v = records.get(i)[j];
                row[j] = v.isEmpty() && i % 2 == 0 ? null : v;
            }
            out.add(row);
        }
        return out;
    }
}
