package org.backcheck.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.backcheck.audit.Audit;
import org.backcheck.audit.AuditOptions;
import org.backcheck.audit.generate.ExtractGenerator;
import org.backcheck.contract.MessyGroupKeys;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.backcheck.measure.sql.MeasureSql;
import org.backcheck.measure.sql.SqlDialect;
import org.backcheck.measure.sql.SqlForm;
import org.backcheck.measure.sql.SqlGrain;
import org.backcheck.measure.sql.TableName;
import org.backcheck.report.Disclosure;
import org.backcheck.report.ImagingReport;
import org.backcheck.report.ReportFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backcheck sql --dialect spark --grain ...} run by Spark SQL 4.0 against the aggregates.csv
 * of the single-machine audit without disclosure control, on a generated extract made messy
 * ({@link MessyGroupKeys}: padded, lower-case and blank codes, dates in every form the audit reads
 * and many it does not), loaded as an all-text table (empty fields null in even rows).
 */
class SparkGroupedSqlTest {

    private static final int ROWS = 6_000;
    private static final String TABLE = "opa_messy_keys";
    private static final String[] FIGURES = {"records", "counted", "excluded", "unmatched", "rejected"};

    @TempDir
    Path dir;

    @Test
    void everyGrainGivesTheFiguresOfAggregatesCsv() throws Exception {
        Path plain = dir.resolve("generated.csv");
        ExtractGenerator.write(new ExtractGenerator.Options(ROWS, 31, ','), plain);
        List<String[]> records = MessyGroupKeys.of(CsvText.read(Files.readString(plain, StandardCharsets.UTF_8)).stream()
                .map(r -> r.toArray(String[]::new)).toList(), 31);
        Path extract = dir.resolve("messy.csv");
        Files.writeString(extract, MessyGroupKeys.csv(records), StandardCharsets.UTF_8);
        ReportFiles.write(ImagingReport.of(Audit.run(AuditOptions.of(extract, dir.resolve("audit"))),
                new ImagingReport.Options("t", true, Disclosure.NONE, Optional.empty())), dir.resolve("report"));
        List<List<String>> csv = CsvText.read(Files.readString(dir.resolve("report").resolve(ReportFiles.CSV)));
        List<String> header = csv.get(0);

        StructType schema = new StructType();
        for (String column : records.get(0)) {
            schema = schema.add(column, DataTypes.StringType, true);
        }
        List<Row> data = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            Object[] fields = new Object[records.get(i).length];
            for (int j = 0; j < fields.length; j++) {
                String v = records.get(i)[j];
                fields[j] = v.isEmpty() && i % 2 == 0 ? null : v;
            }
            data.add(RowFactory.create(fields));
        }
        LocalSpark.session().createDataFrame(data, schema).cache().createOrReplaceTempView(TABLE);

        for (SqlGrain grain : SqlGrain.values()) {
            if (grain == SqlGrain.ROW) {
                continue;
            }
            Map<String, List<Long>> expected = new TreeMap<>();
            for (List<String> r : csv.subList(1, csv.size())) {
                if (r.get(0).equals(grain.id())) {
                    List<Long> v = new ArrayList<>();
                    for (String f : FIGURES) {
                        v.add(Long.parseLong(r.get(header.indexOf(f))));
                    }
                    expected.put(r.get(1) + "|" + r.get(2) + "|" + r.get(3), v);
                }
            }
            String sql = MeasureSql.select(Measure.lowerBackImaging(), SqlDialect.SPARK, NullPolicy.CLINICAL,
                    TableName.parse(TABLE), new SqlForm(grain, Optional.empty(), false));
            Map<String, List<Long>> actual = new TreeMap<>();
            for (Row r : LocalSpark.session().sql(sql).collectAsList()) {
                String key = (grain.id().startsWith("provider") ? r.getString(r.fieldIndex("provider")) : "") + "|"
                        + (grain.id().startsWith("commissioner") ? r.getString(r.fieldIndex("commissioner")) : "") + "|"
                        + (grain.id().endsWith("month") ? r.getString(r.fieldIndex("month")) : "");
                List<Long> v = new ArrayList<>();
                for (String f : FIGURES) {
                    v.add(r.getLong(r.fieldIndex(f)));
                }
                assertThat(actual.put(key, v)).as(grain.id() + " " + key).isNull();
            }
            assertThat(expected).as(grain.id()).isNotEmpty();
            assertThat(actual).as(grain.id()).isEqualTo(expected);
        }
    }
}
