package org.backcheck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backcheck.audit.generate.ExtractGenerator;
import org.backcheck.audit.Rfc4180Reader.Row;
import org.backcheck.measure.Exclusion;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.backcheck.report.AuditFigures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.PGConnection;

/**
 * Differential test: Backcheck's audit against the published T-SQL script run by a real SQL
 * engine. A generated extract (every clause, near misses, NULLs, untidy values) is loaded into
 * PostgreSQL; the script text, as published, is translated mechanically (see {@link #translate})
 * and evaluated there; the status and exclusion reasons of every row must be the same as in
 * Backcheck's {@code matches.csv} and {@code rejected.csv}, under both NULL policies.
 *
 * <p>The SQL side knows nothing of Backcheck's code: its CSV reader is the test's own, its matcher
 * is PostgreSQL's {@code SIMILAR TO}, its NULL logic is SQL's.
 */
class PublishedScriptDifferentialTest {

    private static final long ROWS = 300_000;
    private static final long SEED = 1912_0120L;
    private static final String SCRIPT = "/spec/published-script.txt";
    private static final String SUS_AGE = "age_at_start_of_episode_sus";
    private static final String CDS_AGE = "der_age_at_cds_activity_date";
    /** What an integer column accepts (and Backcheck reads): optional spaces and sign, 1 to 18 digits. */
    private static final Pattern WHOLE_NUMBER = Pattern.compile(" *[+-]?[0-9]{1,18} *");

    @TempDir
    static Path work;

    private static LocalPostgres postgres;
    private static Path extract;
    private static List<Row> rows;
    /** Row number to what the published script gives it in PostgreSQL. */
    private static Map<Long, SqlVerdict> verdicts;
    private static TreeSet<Long> unloadableAges;
    private static final Map<String, Double> SECONDS = new LinkedHashMap<>();

    /** The script's answer for one row under both NULL policies; {@code publishedCase} is the literal CASE. */
    record SqlVerdict(boolean unloadableAge, String publishedCase, String sqlStatus, String sqlReasons,
                      String clinicalStatus, String clinicalReasons) {
        String status(NullPolicy p) {
            return p == NullPolicy.SQL ? sqlStatus : clinicalStatus;
        }

        String reasons(NullPolicy p) {
            return p == NullPolicy.SQL ? sqlReasons : clinicalReasons;
        }
    }

    @BeforeAll
    static void loadAndRunThePublishedScript() throws Exception {
        long t0 = System.nanoTime();
        postgres = LocalPostgres.start();
        SECONDS.put("postgres start", since(t0));

        long t1 = System.nanoTime();
        extract = work.resolve("opa.csv");
        ExtractGenerator.write(new ExtractGenerator.Options(ROWS, SEED, ','), extract);
        rows = Rfc4180Reader.readAll(Files.readString(extract, StandardCharsets.UTF_8), ',');
        SECONDS.put("generate and parse", since(t1));
        List<String> header = List.of(rows.get(0).fields());
        rows = rows.subList(1, rows.size());
        assertThat(rows).hasSize((int) ROWS);

        try (Connection c = postgres.connect()) {
            long t2 = System.nanoTime();
            unloadableAges = load(c, header, rows);
            SECONDS.put("load", since(t2));
            long t3 = System.nanoTime();
            verdicts = evaluate(c, translate(readScript()));
            SECONDS.put("evaluate script", since(t3));
        }
        assertThat(verdicts).hasSize((int) ROWS);
        System.out.println("PostgreSQL: " + postgres.version());
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
        System.out.println("Seconds: " + SECONDS);
    }

    @ParameterizedTest
    @EnumSource(NullPolicy.class)
    void everyRowHasTheStatusAndReasonsThePublishedScriptGivesIt(NullPolicy policy) throws Exception {
        Path out = work.resolve("audit-" + policy.id());
        long t = System.nanoTime();
        AuditFigures summary = Audit.run(AuditOptions.of(extract, out).withNullPolicy(policy));
        SECONDS.put("audit " + policy.id(), since(t));

        Map<Long, String[]> matches = byRow(out.resolve("matches.csv"), "row,id,status,reason,matched_codes");
        Map<Long, String[]> rejected = byRow(out.resolve("rejected.csv"), "row,id,field,reason");

        // Rows PostgreSQL cannot load (an age that is not a whole number) are exactly Backcheck's rejected rows.
        assertThat(new TreeSet<>(rejected.keySet())).as("rejected rows").isEqualTo(unloadableAges);
        rejected.forEach((row, r) -> assertThat(r[1]).as("id of rejected row %d", row).isEqualTo(opaIdent(row)));

        Map<String, Long> expected = new LinkedHashMap<>();
        List<String> disagreements = new ArrayList<>();
        for (Map.Entry<Long, SqlVerdict> e : verdicts.entrySet()) {
            long row = e.getKey();
            SqlVerdict v = e.getValue();
            if (v.unloadableAge()) {
                assertThat(matches).as("rejected row %d in matches.csv", row).doesNotContainKey(row);
                continue;
            }
            String want = v.status(policy);
            expected.merge(want, 1L, Long::sum);
            for (String reason : v.reasons(policy).isEmpty() ? new String[0] : v.reasons(policy).split(";")) {
                expected.merge("excluded " + reason, 1L, Long::sum);
            }
            String[] m = matches.get(row);
            String got = m == null ? "unmatched" : m[2];
            String gotReasons = m == null ? "" : m[3];
            if (!want.equals(got) || !v.reasons(policy).equals(gotReasons)) {
                disagreements.add(describe(row, want, v.reasons(policy), got, gotReasons));
            } else if (m != null) {
                assertThat(m[1]).as("id of row %d", row).isEqualTo(opaIdent(row));
            }
        }
        if (!disagreements.isEmpty()) {
            throw new AssertionError(disagreements.size() + " rows where Backcheck (" + policy.id()
                    + " policy) and the published script in PostgreSQL disagree; the first 20:\n"
                    + String.join("\n", disagreements.subList(0, Math.min(20, disagreements.size()))));
        }
        assertThat(matches.keySet()).as("every row in matches.csv is counted or excluded by the script")
                .allSatisfy(row -> assertThat(verdicts.get(row).status(policy)).isIn("counted", "excluded"));

        // The summary reconciles with the script's counts, and summary.json says the same.
        long rejectedRows = unloadableAges.size();
        assertThat(summary.rowsRead()).isEqualTo(ROWS);
        assertThat(summary.counted()).isEqualTo(expected.getOrDefault("counted", 0L));
        assertThat(summary.excluded()).isEqualTo(expected.getOrDefault("excluded", 0L));
        assertThat(summary.unmatched()).isEqualTo(expected.getOrDefault("unmatched", 0L));
        assertThat(summary.rejected()).isEqualTo(rejectedRows);
        for (Exclusion x : Measure.lowerBackImaging().exclusions()) {
            assertThat(summary.excludedByReason().get(x.name())).as("excluded for " + x.name())
                    .isEqualTo(expected.getOrDefault("excluded " + x.name(), 0L));
        }
        NullPolicy other = policy == NullPolicy.SQL ? NullPolicy.CLINICAL : NullPolicy.SQL;
        long otherCounted = verdicts.values().stream().filter(v -> "counted".equals(v.status(other))).count();
        assertThat(summary.otherPolicyCounted()).as("counted under " + other.id()).isEqualTo(otherCounted);
        JsonNode json = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(json.get("rows_read").asLong()).isEqualTo(ROWS);
        assertThat(json.get("counted").asLong()).isEqualTo(summary.counted());
        assertThat(json.get("excluded").asLong()).isEqualTo(summary.excluded());
        assertThat(json.get("unmatched").asLong()).isEqualTo(summary.unmatched());
        assertThat(json.get("rejected").asLong()).isEqualTo(rejectedRows);
        assertThat(json.get("null_policy").asText()).isEqualTo(policy.id());

        // Under the SQL policy the literal CASE WHEN rule AND exclusions THEN ... is exactly "counted".
        long literalCase = verdicts.values().stream()
                .filter(v -> !v.unloadableAge() && v.publishedCase() != null).count();
        if (policy == NullPolicy.SQL) {
            assertThat(summary.counted()).as("rows the literal CASE labels").isEqualTo(literalCase);
        }
        System.out.printf(Locale.ROOT, "%s policy, %d rows compared with PostgreSQL: counted %d, excluded %d %s, "
                        + "unmatched %d, rejected %d (= rows whose ages PostgreSQL cannot load); "
                        + "other policy counts %d%n",
                policy.id(), ROWS, summary.counted(), summary.excluded(), summary.excludedByReason(),
                summary.unmatched(), summary.rejected(), otherCounted);
        // The generated data must exercise what is compared.
        assertThat(summary.counted()).isPositive();
        assertThat(summary.excludedByReason().values()).allSatisfy(n -> assertThat(n).isPositive());
        assertThat(summary.rejected()).isPositive();
    }

    // ---------------------------------------------------------------- loading

    /**
     * Loads every data row: text as TEXT, blank as NULL, ages as INTEGER. Returns the rows whose
     * ages are not whole numbers; they are loaded with NULL ages and flagged.
     */
    private static TreeSet<Long> load(Connection c, List<String> header, List<Row> data) throws Exception {
        StringBuilder ddl = new StringBuilder(
                "CREATE TABLE opa (row_no bigint PRIMARY KEY, age_unreadable boolean NOT NULL");
        for (String column : header) {
            String name = column.toLowerCase(Locale.ROOT);
            ddl.append(", ").append(name).append(isAge(name) ? " integer" : " text");
        }
        try (Statement s = c.createStatement()) {
            s.execute(ddl.append(')').toString());
        }
        TreeSet<Long> unloadable = new TreeSet<>();
        StringBuilder csv = new StringBuilder(data.size() * 100);
        for (Row r : data) {
            long rowNo = r.number();
            boolean unreadable = false;
            StringBuilder line = new StringBuilder(120);
            for (int i = 0; i < header.size(); i++) {
                String value = r.fields()[i];
                line.append(',');
                if (isBlank(value)) {
                    continue;  // unquoted empty = NULL in COPY's CSV format
                }
                if (isAge(header.get(i).toLowerCase(Locale.ROOT))) {
                    if (WHOLE_NUMBER.matcher(value).matches()) {
                        line.append(Math.toIntExact(Long.parseLong(value.strip())));
                    } else {
                        unreadable = true;  // loaded as NULL, flagged, left out of the comparison
                    }
                } else {
                    line.append('"').append(value.replace("\"", "\"\"")).append('"');
                }
            }
            if (unreadable) {
                unloadable.add(rowNo);
            }
            csv.append(rowNo).append(',').append(unreadable ? 't' : 'f').append(line).append('\n');
        }
        long copied = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY opa FROM STDIN WITH (FORMAT csv)", new StringReader(csv.toString()));
        assertThat(copied).isEqualTo(data.size());
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE opa");
        }
        return unloadable;
    }

    /** The extract's convention (and Backcheck's): nothing, or only spaces, is NULL. */
    private static boolean isBlank(String value) {
        return value.chars().allMatch(ch -> ch == ' ');
    }

    private static boolean isAge(String lowerCaseName) {
        return lowerCaseName.equals(SUS_AGE) || lowerCaseName.equals(CDS_AGE);
    }

    // ---------------------------------------------------------------- the published script

    /** The script as published: the WHEN branch, then each exclusion, separated by lines of dashes. */
    private static String readScript() throws IOException {
        try (InputStream in = PublishedScriptDifferentialTest.class.getResourceAsStream(SCRIPT)) {
            assertThat(in).as("%s from the backcheck-core test jar", SCRIPT).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The script in PostgreSQL: the WHEN condition, one keep-condition per exclusion, and the label. */
    record Translated(String rule, List<String> exclusions, String label) { }

    private static final Pattern WHEN_THEN = Pattern.compile("(?is)^\\s*WHEN\\s+(.*?)\\s+THEN\\s+'([^']*)'\\s*$");
    private static final Pattern LIKE = Pattern.compile("(?i)\\b(?:opa|apcs)\\.(\\w+)\\s+(not\\s+)?like\\s+'([^']*)'");
    private static final Pattern COMPARE = Pattern.compile("(?i)\\b(?:opa|apcs)\\.(\\w+)\\s*(<>|!=|=)\\s*'([^']*)'");

    /**
     * Mechanical translation from T-SQL to PostgreSQL, each step a rule of SQL Server's that
     * PostgreSQL does not share:
     * <ul>
     *   <li>the typographic quote ’ closing some literals in the published text is a straight quote;</li>
     *   <li>{@code col [not] like 'p'} becomes {@code UPPER(col) [NOT] SIMILAR TO UPPER('p')}: like LIKE,
     *       SIMILAR TO matches the whole string with {@code %}, {@code _} and {@code [..]} classes, and
     *       UPPER on both sides gives the case-insensitive collation (Latin1_General_CI_AS) of NCDR.
     *       SIMILAR TO's own operators ({@code | * + ? ( ) { }}, backslash) are escaped: they are
     *       literals in LIKE. SQL Server also ignores trailing spaces of the matched text; a pattern
     *       ending in {@code %} absorbs them anyway (every published pattern does, so this changes
     *       nothing here), any other pattern gets {@code ( )*} appended so that the text matches when
     *       it, less some trailing spaces, matches;</li>
     *   <li>{@code col <> 'v'} compares case-insensitively, trailing spaces ignored (SQL Server pads
     *       the shorter string with spaces): {@code RTRIM(UPPER(col)) <> RTRIM(UPPER('v'))};</li>
     *   <li>{@code ISNULL(a, b)} is {@code COALESCE(a, b)};</li>
     *   <li>the table aliases {@code opa.} and {@code apcs.} are the one loaded table {@code t}
     *       (Backcheck's record-level reading of the exclusions);</li>
     *   <li>{@code between 19 AND 120} is unchanged.</li>
     * </ul>
     */
    static Translated translate(String script) {
        String text = script.replace('\u2019', '\'');
        String[] sections = text.split("(?m)^-{4,}\\s*$");
        assertThat(sections).as("script sections: WHEN branch, then exclusions").hasSizeGreaterThan(1);
        Matcher when = WHEN_THEN.matcher(sections[0]);
        assertThat(when.matches()).as("first section is WHEN ... THEN '...': %s", sections[0]).isTrue();
        String rule = condition(when.group(1));
        List<String> exclusions = new ArrayList<>();
        for (int i = 1; i < sections.length; i++) {
            // Each exclusion is ANDed to the WHEN condition; some are published with a leading AND.
            exclusions.add(condition(sections[i].strip().replaceFirst("(?i)^AND\\s+", "")));
        }
        return new Translated(rule, exclusions, when.group(2));
    }

    private static String condition(String tsql) {
        String sql = replaceAll(LIKE, tsql.strip(), m -> {
            String pattern = m.group(3);
            String similar = "UPPER('" + similarTo(pattern) + "')";
            if (!pattern.endsWith("%")) {
                similar = "'(' || " + similar + " || ')( )*'";
            }
            return "UPPER(t." + m.group(1) + ") " + (m.group(2) == null ? "" : "NOT ") + "SIMILAR TO " + similar;
        });
        sql = replaceAll(COMPARE, sql, m -> "RTRIM(UPPER(t." + m.group(1) + ")) " + m.group(2) + " RTRIM(UPPER('"
                + m.group(3) + "'))");
        sql = sql.replaceAll("(?i)\\bISNULL\\s*\\(", "COALESCE(");
        sql = sql.replaceAll("(?i)\\b(?:opa|apcs)\\.", "t.");
        String check = sql.toLowerCase(Locale.ROOT);
        assertThat(check).as("translated: %s", sql).doesNotContain(" like ", "isnull", "opa.", "apcs.", "\u2019");
        return sql;
    }

    /** A LIKE pattern as a SIMILAR TO pattern: the same outside SIMILAR TO's extra operators, which are escaped. */
    private static String similarTo(String like) {
        StringBuilder out = new StringBuilder();
        for (char ch : like.toCharArray()) {
            if ("|*+?(){}\\".indexOf(ch) >= 0) {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }

    private static String replaceAll(Pattern p, String s, java.util.function.Function<Matcher, String> f) {
        Matcher m = p.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(f.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Runs the translated script over every row. Under the SQL policy an exclusion lets a row
     * through only when its test is TRUE (three-valued logic, as the WHEN reads it); under the
     * clinical policy an exclusion applies only when its test is FALSE.
     */
    private static Map<Long, SqlVerdict> evaluate(Connection c, Translated script) throws SQLException {
        List<Exclusion> named = Measure.lowerBackImaging().exclusions();
        assertThat(script.exclusions()).as("one published exclusion per named exclusion").hasSize(named.size());
        StringBuilder keeps = new StringBuilder();
        StringBuilder literalCase = new StringBuilder("CASE WHEN (" + script.rule() + ")");
        StringBuilder sqlReasons = new StringBuilder("concat_ws(';'");
        StringBuilder clinicalReasons = new StringBuilder("concat_ws(';'");
        StringBuilder sqlKeepsAll = new StringBuilder("TRUE");
        StringBuilder clinicalExcludesAny = new StringBuilder("FALSE");
        for (int i = 0; i < named.size(); i++) {
            String x = script.exclusions().get(i);
            String keep = "keep_" + i;
            keeps.append(", (").append(x).append(") AS ").append(keep);
            literalCase.append(" AND (").append(x).append(')');
            String name = named.get(i).name();
            sqlReasons.append(", CASE WHEN ").append(keep).append(" IS NOT TRUE THEN '").append(name).append("' END");
            clinicalReasons.append(", CASE WHEN ").append(keep).append(" IS FALSE THEN '").append(name).append("' END");
            sqlKeepsAll.append(" AND ").append(keep).append(" IS TRUE");
            clinicalExcludesAny.append(" OR ").append(keep).append(" IS FALSE");
        }
        literalCase.append(" THEN '").append(script.label()).append("' END");
        String query = "WITH s AS (SELECT row_no, age_unreadable, (" + script.rule() + ") AS rule_met" + keeps
                + ", " + literalCase + " AS published_case FROM opa t) "
                + "SELECT row_no, age_unreadable, published_case, "
                + "CASE WHEN rule_met IS NOT TRUE THEN 'unmatched' WHEN " + sqlKeepsAll
                + " THEN 'counted' ELSE 'excluded' END AS sql_status, "
                + "CASE WHEN rule_met IS TRUE THEN " + sqlReasons + ") ELSE '' END AS sql_reasons, "
                + "CASE WHEN rule_met IS NOT TRUE THEN 'unmatched' WHEN " + clinicalExcludesAny
                + " THEN 'excluded' ELSE 'counted' END AS clinical_status, "
                + "CASE WHEN rule_met IS TRUE THEN " + clinicalReasons + ") ELSE '' END AS clinical_reasons "
                + "FROM s ORDER BY row_no";
        System.out.println("Published script in PostgreSQL:\n" + query);
        Map<Long, SqlVerdict> out = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            while (r.next()) {
                out.put(r.getLong(1), new SqlVerdict(r.getBoolean(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6), r.getString(7)));
            }
        }
        return new java.util.TreeMap<>(out);
    }

    // ---------------------------------------------------------------- Backcheck's outputs

    private static Map<Long, String[]> byRow(Path file, String expectedHeader) throws IOException {
        List<Row> all = Rfc4180Reader.readAll(Files.readString(file, StandardCharsets.UTF_8), ',');
        assertThat(String.join(",", all.get(0).fields())).as("header of %s", file.getFileName())
                .isEqualTo(expectedHeader);
        Map<Long, String[]> out = new HashMap<>();
        for (Row r : all.subList(1, all.size())) {
            String[] f = r.fields();
            assertThat(out.put(Long.parseLong(f[0]), f)).as("row %s listed twice in %s", f[0], file.getFileName())
                    .isNull();
        }
        return out;
    }

    private static String opaIdent(long row) {
        return rows.get((int) row - 1).fields()[0];
    }

    private static String describe(long row, String want, String wantReasons, String got, String gotReasons) {
        String[] f = rows.get((int) row - 1).fields();
        return "row " + row + " [category='" + f[8] + "', age_sus='" + f[9] + "', age_cds='" + f[10]
                + "', diagnoses='" + f[11] + "', procedures='" + f[12] + "']: script " + want
                + (wantReasons.isEmpty() ? "" : ":" + wantReasons) + ", Backcheck " + got
                + (gotReasons.isEmpty() ? "" : ":" + gotReasons);
    }

    private static double since(long nanos) {
        return Math.round((System.nanoTime() - nanos) / 1e7) / 100.0;
    }
}
