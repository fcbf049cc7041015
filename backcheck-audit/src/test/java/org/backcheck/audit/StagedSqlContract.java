package org.backcheck.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backcheck.audit.generate.ExtractGenerator;
import org.backcheck.contract.ContractRow;
import org.backcheck.contract.MeasureEngineContract;
import org.backcheck.contract.RowAnswer;
import org.backcheck.contract.RowAnswers;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.backcheck.measure.sql.MeasureSql;
import org.backcheck.measure.sql.SqlDialect;
import org.backcheck.measure.sql.TableName;
import org.backcheck.measure.sql.Verdict;
import org.junit.jupiter.api.AfterAll;

/**
 * The engine contract for the SQL that {@code backcheck sql} prints, run exactly as printed by a real
 * database on the contract rows loaded as an all-text staging table ({@link StagingTable}). Besides
 * the rule cases and messy rows, the rows include a generated extract (every clause, near misses,
 * missing and unreadable values), its empty fields loaded as NULL in even rows and as '' in odd ones,
 * as importers differ. The Spark dialect is run in backcheck-spark.
 */
abstract class StagedSqlContract extends MeasureEngineContract {

    private static final long GENERATED_ROWS = 60_000;
    private static final long SEED = 2026_0606L;


    final Map<String, Double> seconds = new LinkedHashMap<>();
    private boolean loaded;

    /** The dialect of this database. */
    abstract SqlDialect dialect();

    /** An open connection to the database, the same on every call. */
    abstract Connection connection() throws Exception;

    /** Loads the rows as {@link StagingTable#NAME}. */
    abstract void load(Connection c, List<ContractRow> rows) throws Exception;

    @Override
    protected RowAnswer.Form form() {
        return RowAnswer.Form.VERDICT;
    }

    @Override
    protected List<ContractRow> moreRows() throws Exception {
        Path extract = workDir().resolve("opa.csv");
        ExtractGenerator.write(new ExtractGenerator.Options(GENERATED_ROWS, SEED, ','), extract);
        List<Rfc4180Reader.Row> read = Rfc4180Reader.readAll(Files.readString(extract, StandardCharsets.UTF_8), ',');
        List<String> header = List.of(read.get(0).fields());
        List<ContractRow> rows = new ArrayList<>(read.size());
        for (int i = 1; i < read.size(); i++) {
            rows.add(ContractRow.fromRecord(header, List.of(read.get(i).fields()), i % 2 == 0));
        }
        return rows;
    }

    @Override
    protected List<RowAnswer> classify(List<ContractRow> rows, NullPolicy policy) throws Exception {
        Connection c = connection();
        if (!loaded) {
            long t = System.nanoTime();
            load(c, rows);
            seconds.put("load", since(t));
            loaded = true;
        }
        String sql = MeasureSql.select(Measure.lowerBackImaging(), dialect(), policy, TableName.parse(StagingTable.NAME));
        long t = System.nanoTime();
        RowAnswers answers = new RowAnswers(rows.size());
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);  // lets PostgreSQL's driver stream the rows in batches
        try (Statement s = c.createStatement()) {
            s.setFetchSize(10_000);
            try (ResultSet r = s.executeQuery(sql)) {
                while (r.next()) {
                    answers.put(r.getLong("row_no"), RowAnswer.of(new Verdict(r.getString("status"), r.getString("reason"))),
                            dialect().label());
                }
            }
        } finally {
            c.commit();
            c.setAutoCommit(autoCommit);
        }
        seconds.put(policy.id() + " policy", since(t));
        return answers.toList(null);
    }

    @AfterAll
    void printTimes() {
        System.out.println(dialect().label() + " seconds: " + seconds);
    }

    private static double since(long nanos) {
        return Math.round((System.nanoTime() - nanos) / 1e7) / 100.0;
    }
}
