package org.backcheck.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.backcheck.audit.generate.ExtractGenerator;
import org.backcheck.classify.Classifier;
import org.backcheck.classify.Fields;
import org.backcheck.measure.Column;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.backcheck.measure.sql.MeasureSql;
import org.backcheck.measure.sql.SqlDialect;
import org.backcheck.measure.sql.TableName;
import org.backcheck.measure.sql.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SELECT that {@code backcheck sql --dialect spark} prints, run as it is by Spark SQL 4.0 on a
 * generated extract loaded as an all-text table, gives every row the status and reason the core
 * classifier gives it, under both NULL policies.
 */
class EmittedSparkSqlTest {

    @TempDir
    static Path dir;

    static Dataset<Row> table;

    @BeforeAll
    static void extractAsATable() throws IOException {
        Path csv = dir.resolve("opa.csv");
        ExtractGenerator.write(new ExtractGenerator.Options(30_000, 23, ','), csv);
        SparkSession spark = LocalSpark.session();
        table = spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
                .option("inferSchema", false).csv(csv.toString()).cache();
        table.createOrReplaceTempView("opa_extract");
    }

    @ParameterizedTest
    @EnumSource(NullPolicy.class)
    void everyRowGetsTheClassifiersStatusAndReason(NullPolicy policy) {
        Measure measure = Measure.lowerBackImaging();
        String sql = MeasureSql.select(measure, SqlDialect.SPARK, policy, TableName.parse("opa_extract")).strip();
        List<Row> judged = LocalSpark.session().sql(sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql)
                .select("OPA_Ident", "status", "reason").collectAsList();

        Classifier classifier = new Classifier(measure);
        List<String> names = List.of(table.columns());
        int[] columns = measure.columns().stream().map(Column::name)
                .mapToInt(c -> names.stream().filter(c::equalsIgnoreCase).findFirst().map(names::indexOf).orElseThrow())
                .toArray();
        Map<String, Verdict> expected = new HashMap<>();
        for (Row r : table.collectAsList()) {
            String[] values = java.util.Arrays.stream(columns).mapToObj(r::getString).toArray(String[]::new);
            expected.put(r.getAs("OPA_Ident"), Verdict.of(classifier.classify(Fields.of(values), policy)));
        }
        assertThat(judged).hasSize(expected.size());
        Map<String, Long> statuses = new HashMap<>();
        for (Row r : judged) {
            Verdict want = expected.get(r.getString(0));
            assertThat(new Verdict(r.getString(1), r.getString(2))).as("OPA_Ident %s", r.getString(0)).isEqualTo(want);
            statuses.merge(want.status(), 1L, Long::sum);
        }
        assertThat(statuses).as("every status occurs").containsOnlyKeys("counted", "excluded", "unmatched", "rejected");
    }
}
