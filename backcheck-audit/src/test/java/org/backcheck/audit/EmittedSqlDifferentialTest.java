package org.backcheck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.backcheck.audit.generate.ExtractGenerator;
import org.backcheck.classify.Classifier;
import org.backcheck.classify.Fields;
import org.backcheck.classify.RuleCase;
import org.backcheck.measure.Column;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.backcheck.measure.sql.MeasureSql;
import org.backcheck.measure.sql.SqlDialect;
import org.backcheck.measure.sql.TableName;
import org.backcheck.measure.sql.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test: the SQL that {@code backcheck sql} prints, run by real engines (PostgreSQL 15
 * and DuckDB), against Backcheck's Java engine, row by row, under both NULL policies. One data set:
 * a generated extract (every clause, near misses, missing and unreadable values) plus hand-written
 * messy rows and the spec's rule cases ({@link MessyRows}), loaded as an analyst's all-text staging
 * table ({@link StagingTable}). Every row must get the same status and the same reason.
 *
 * <p>The SQL is run exactly as printed. The Java side is {@link Classifier} read through
 * {@link Verdict}; the rule cases are also checked against the spec's own expectations.
 * The Spark dialect cannot run in this module (see the README); its regular expressions are
 * checked against the engine in backcheck-core's {@code LikeRegexTest}.
 */
class EmittedSqlDifferentialTest {

    private static final long GENERATED_ROWS = 60_000;
    private static final long SEED = 2026_0606L;
    private static final int SHOWN_DISAGREEMENTS = 20;

    /** The engines the emitted SQL runs on here, each with its dialect. */
    enum Engine {
        POSTGRES(SqlDialect.POSTGRES), DUCKDB(SqlDialect.DUCKDB);

        final SqlDialect dialect;

        Engine(SqlDialect dialect) {
            this.dialect = dialect;
        }
    }

    @TempDir
    static Path work;

    private static final Measure MEASURE = Measure.lowerBackImaging();
    private static final Map<String, Double> SECONDS = new LinkedHashMap<>();
    private static final Map<String, Map<Long, Verdict>> ANSWERS = new HashMap<>();
    private static List<String> header;
    private static List<String[]> rows;
    private static Map<NullPolicy, List<Verdict>> javaVerdicts;
    private static LocalPostgres postgres;
    private static Map<Engine, Connection> connections;

    @BeforeAll
    static void loadOneDataSetEverywhere() throws Exception {
        long t0 = System.nanoTime();
        Path extract = work.resolve("opa.csv");
        ExtractGenerator.write(new ExtractGenerator.Options(GENERATED_ROWS, SEED, ','), extract);
        List<Rfc4180Reader.Row> read = Rfc4180Reader.readAll(Files.readString(extract, StandardCharsets.UTF_8), ',');
        header = List.of(read.get(0).fields());
        assertThat(header).isEqualTo(ExtractGenerator.HEADER);
        rows = new ArrayList<>(read.size() + 1000);
        read.subList(1, read.size()).forEach(r -> rows.add(r.fields()));
        rows.addAll(MessyRows.all());
        SECONDS.put("generate and read", since(t0));

        long t1 = System.nanoTime();
        javaVerdicts = classifyInJava();
        SECONDS.put("Java engine, both policies", since(t1));

        long t2 = System.nanoTime();
        postgres = LocalPostgres.start();
        connections = new EnumMap<>(Engine.class);
        connections.put(Engine.POSTGRES, postgres.connect());
        StagingTable.loadPostgres(connections.get(Engine.POSTGRES), header, rows);
        SECONDS.put("PostgreSQL start and load", since(t2));

        long t3 = System.nanoTime();
        connections.put(Engine.DUCKDB, DriverManager.getConnection("jdbc:duckdb:"));
        StagingTable.loadDuckDb(connections.get(Engine.DUCKDB), header, rows);
        SECONDS.put("DuckDB load", since(t3));
        System.out.println("PostgreSQL: " + postgres.version() + "; rows: " + rows.size());
    }

    @AfterAll
    static void stop() throws SQLException {
        if (connections != null) {
            for (Connection c : connections.values()) {
                c.close();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
        System.out.println("Seconds: " + SECONDS);
    }

    static Stream<Arguments> enginesAndPolicies() {
        List<Arguments> all = new ArrayList<>();
        for (Engine e : Engine.values()) {
            for (NullPolicy p : NullPolicy.values()) {
                all.add(Arguments.of(e, p));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, {1} policy")
    @MethodSource("enginesAndPolicies")
    void everyRowHasTheStatusAndReasonTheJavaEngineGivesIt(Engine engine, NullPolicy policy) throws SQLException {
        Map<Long, Verdict> fromSql = answers(engine, policy);

        assertThat(fromSql).as("one answer per row").hasSize(rows.size());
        List<Verdict> expected = javaVerdicts.get(policy);
        List<String> disagreements = new ArrayList<>();
        Map<String, Integer> statuses = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            long rowNo = i + 1;
            Verdict want = expected.get(i);
            Verdict got = fromSql.get(rowNo);
            if (!want.equals(got)) {
                disagreements.add("row " + rowNo + " " + describe(rows.get(i)) + " (empty loaded as "
                        + (StagingTable.emptyAsNull(rowNo) ? "NULL" : "''") + "): Java " + want + ", " + engine + " " + got);
            }
            statuses.merge(want.status(), 1, Integer::sum);
        }
        if (!disagreements.isEmpty()) {
            throw new AssertionError(disagreements.size() + " of " + rows.size() + " rows where the " + engine.dialect.label()
                    + " SQL (" + policy.id() + " policy) and the Java engine disagree; the first " + SHOWN_DISAGREEMENTS + ":\n"
                    + String.join("\n", disagreements.subList(0, Math.min(SHOWN_DISAGREEMENTS, disagreements.size()))));
        }
        System.out.printf(Locale.ROOT, "%s, %s policy: %d rows identical to the Java engine %s%n", engine.dialect.label(),
                policy.id(), rows.size(), statuses);
    }

    /** The rule cases hold their own expected answers: the SQL must give them too, not only agree with Java. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Engine.class)
    void theSpecRuleCasesGetTheirExpectedAnswers(Engine engine) throws SQLException {
        Map<String, RuleCase> cases = new HashMap<>();
        RuleCase.all().forEach(c -> cases.put(MessyRows.RULE_CASE_PREFIX + c.id(), c));
        int id = header.indexOf("OPA_Ident");
        for (NullPolicy policy : NullPolicy.values()) {
            Map<Long, Verdict> fromSql = answers(engine, policy);
            int checked = 0;
            for (int i = 0; i < rows.size(); i++) {
                RuleCase c = cases.get(rows.get(i)[id]);
                if (c != null) {
                    Verdict v = fromSql.get(i + 1L);
                    String rendered = v.status().equals("excluded") ? v.status() + ":" + v.reason() : v.status();
                    assertThat(rendered).as("rule case %s, %s policy, %s", c.id(), policy.id(), engine).isEqualTo(c.expected(policy));
                    checked++;
                }
            }
            assertThat(checked).isEqualTo(cases.size());
        }
    }

    /** The comparison means something only if the data set holds every kind of answer. */
    @Test
    void theDataSetHoldsEveryStatusAndEveryReason() {
        for (NullPolicy policy : NullPolicy.values()) {
            Set<String> seen = new TreeSet<>();
            for (Verdict v : javaVerdicts.get(policy)) {
                seen.add(v.status());
                if (v.reason() != null) {
                    seen.add(v.reason().replaceAll("^[A-Za-z_]+: ", "").replaceAll("; [A-Za-z_]+: ", "; "));
                }
            }
            assertThat(seen).as("%s policy", policy.id()).contains("counted", "excluded", "unmatched", "rejected",
                    "cancer_diagnosis", "private_patient", "cancer_diagnosis;private_patient",
                    "not a whole number", "number too long", "outside the range of a whole-number column",
                    "not a whole number; not a whole number");
        }
        long differ = 0;
        for (int i = 0; i < rows.size(); i++) {
            differ += javaVerdicts.get(NullPolicy.SQL).get(i).equals(javaVerdicts.get(NullPolicy.CLINICAL).get(i)) ? 0 : 1;
        }
        assertThat(differ).as("rows the two NULL policies answer differently").isGreaterThan(100);
    }

    // ---------------------------------------------------------------- both sides

    private static Map<NullPolicy, List<Verdict>> classifyInJava() {
        Classifier classifier = new Classifier(MEASURE);
        int[] slots = classifier.columns().stream().mapToInt(EmittedSqlDifferentialTest::headerIndex).toArray();
        Map<NullPolicy, List<Verdict>> out = new EnumMap<>(NullPolicy.class);
        for (NullPolicy policy : NullPolicy.values()) {
            List<Verdict> verdicts = new ArrayList<>(rows.size());
            Classifier.Scratch scratch = classifier.newScratch();
            String[] values = new String[slots.length];
            for (String[] row : rows) {
                for (int k = 0; k < slots.length; k++) {
                    values[k] = row[slots[k]];
                }
                verdicts.add(Verdict.of(classifier.classify(Fields.of(values), policy, scratch)));
            }
            out.put(policy, verdicts);
        }
        return out;
    }

    private static int headerIndex(Column c) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equalsIgnoreCase(c.name())) {
                return i;
            }
        }
        throw new AssertionError("the extract has no column " + c.name());
    }

    /** What the engine answers for every row under the policy; each statement runs once per test class. */
    private static synchronized Map<Long, Verdict> answers(Engine engine, NullPolicy policy) throws SQLException {
        String key = engine + " " + policy.id();
        Map<Long, Verdict> known = ANSWERS.get(key);
        if (known == null) {
            String sql = MeasureSql.select(MEASURE, engine.dialect, policy, TableName.parse(StagingTable.NAME));
            long t = System.nanoTime();
            known = run(connections.get(engine), sql);
            SECONDS.put(key, since(t));
            ANSWERS.put(key, known);
        }
        return known;
    }

    /** Runs the statement as printed and reads row_no, status and reason of every row. */
    private static Map<Long, Verdict> run(Connection c, String sql) throws SQLException {
        Map<Long, Verdict> out = new HashMap<>(rows.size() * 2);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);  // lets PostgreSQL's driver stream the rows in batches
        try (Statement s = c.createStatement()) {
            s.setFetchSize(10_000);
            try (ResultSet r = s.executeQuery(sql)) {
                while (r.next()) {
                    Verdict previous = out.put(r.getLong("row_no"), new Verdict(r.getString("status"), r.getString("reason")));
                    assertThat(previous).as("row %d returned twice", r.getLong("row_no")).isNull();
                }
            }
        } finally {
            c.commit();
            c.setAutoCommit(autoCommit);
        }
        return out;
    }

    private static String describe(String[] row) {
        StringBuilder sb = new StringBuilder("[");
        for (Column c : MEASURE.columns()) {
            String value = row[headerIndex(c)];
            sb.append(sb.length() > 1 ? ", " : "").append(c.name()).append("='")
                    .append(Objects.toString(value).replace("\n", "\\n").replace("\t", "\\t")).append('\'');
        }
        return sb.append(']').toString();
    }

    private static double since(long nanos) {
        return Math.round((System.nanoTime() - nanos) / 1e7) / 100.0;
    }
}
