package org.backcheck.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
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

/**
 * The engine contract for the SELECT that {@code backcheck sql --dialect spark} prints, run as it is
 * by Spark SQL 4.0 on the contract rows loaded as an all-text table (a missing value a null), plus a
 * generated extract of 30,000 rows (empty fields null in even rows, empty text in odd ones).
 */
class SparkSqlContractTest extends MeasureEngineContract {

    private static final String TABLE = "opa_staging";
    private static final int GENERATED_ROWS = 30_000;


    private boolean loaded;

    @Override
    protected RowAnswer.Form form() {
        return RowAnswer.Form.VERDICT;
    }

    @Override
    protected List<ContractRow> moreRows() throws IOException {
        Path csv = workDir().resolve("opa.csv");
        ExtractGenerator.write(new ExtractGenerator.Options(GENERATED_ROWS, 23, ','), csv);
        List<List<String>> records = CsvText.read(Files.readString(csv, StandardCharsets.UTF_8));
        List<ContractRow> rows = new ArrayList<>(records.size());
        for (int i = 1; i < records.size(); i++) {
            rows.add(ContractRow.fromRecord(records.get(0), records.get(i), i % 2 == 0));
        }
        return rows;
    }

    @Override
    protected List<RowAnswer> classify(List<ContractRow> rows, NullPolicy policy) {
        if (!loaded) {
            ContractTable.of(LocalSpark.session(), rows, true).cache().createOrReplaceTempView(TABLE);
            loaded = true;
        }
        String sql = MeasureSql.select(Measure.lowerBackImaging(), SqlDialect.SPARK, policy, TableName.parse(TABLE)).strip();
        List<Row> judged = LocalSpark.session().sql(sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql)
                .select(ContractTable.ROW_NO, "status", "reason").collectAsList();
        RowAnswers answers = new RowAnswers(rows.size());
        for (Row r : judged) {
            answers.put(r.getLong(0), RowAnswer.of(new Verdict(r.getString(1), r.getString(2))), "Spark SQL");
        }
        return answers.toList(null);
    }
}
