package org.backcheck.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.backcheck.audit.Audit;
import org.backcheck.audit.AuditOptions;
import org.backcheck.extract.UnreadableExtractException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typed Parquet columns are read as the text their CSV export holds (a double age of 45.0 is
 * {@code 45}, NaN is missing, a DATE is {@code yyyy-MM-dd}), so the Parquet gets the answer the
 * CSV gets from the single-machine audit; what has no such text, or would change answers
 * unnoticed, is refused.
 */
class ParquetTypesTest {

    @TempDir
    Path dir;

    private static StructType schema(DataType date, DataType susAge, DataType procedures) {
        return new StructType()
                .add("OPA_Ident", DataTypes.StringType)
                .add("Appointment_Date", date)
                .add("Der_Provider_Code", DataTypes.StringType)
                .add("Administrative_Category", DataTypes.StringType)
                .add("Age_at_Start_of_Episode_SUS", susAge)
                .add("Der_Age_at_CDS_Activity_Date", DataTypes.IntegerType)
                .add("Der_Diagnosis_All", DataTypes.StringType)
                .add("Der_Procedure_All", procedures);
    }

    private void writeParquet(Path to, StructType schema, List<Row> rows) {
        LocalSpark.session().createDataFrame(rows, schema).coalesce(1).write().parquet(to.toString());
    }

    @Test
    void typedColumnsGetTheAnswerTheirCsvExportGets() throws IOException {
        Path parquet = dir.resolve("typed.parquet");
        writeParquet(parquet, schema(DataTypes.DateType, DataTypes.DoubleType, DataTypes.StringType), List.of(
                RowFactory.create("1", Date.valueOf("2024-01-05"), "RXH", "01", 45.0, null, null, "U054"),
                RowFactory.create("2", Date.valueOf("2024-01-05"), "RXH", "01", 45.5, null, null, "U054"),
                RowFactory.create("3", Date.valueOf("2024-02-29"), "R0A", "01", Double.NaN, 50, null, "U054"),
                RowFactory.create("4", null, null, "02", 30.0, null, "C509", "U055"),
                RowFactory.create("5", Date.valueOf("2024-03-01"), "R0A", "01", 1e20, null, null, "U054")));
        Path csv = Files.writeString(dir.resolve("typed.csv"), String.join("\n",
                "OPA_Ident,Appointment_Date,Der_Provider_Code,Administrative_Category,Age_at_Start_of_Episode_SUS,"
                        + "Der_Age_at_CDS_Activity_Date,Der_Diagnosis_All,Der_Procedure_All",
                "1,2024-01-05,RXH,01,45,,,U054",
                "2,2024-01-05,RXH,01,45.5,,,U054",
                "3,2024-02-29,R0A,01,,50,,U054",
                "4,,,02,30,,C509,U055",
                "5,2024-03-01,R0A,01,100000000000000000000,,,U054") + "\n");
        Audit.run(AuditOptions.of(csv, dir.resolve("single")));
        EngineOutputs single = EngineOutputs.ofSingleMachine(dir.resolve("single"));

        SparkAudit.run(LocalSpark.session(), SparkAuditOptions.of(parquet.toString(), dir.resolve("spark").toString()));
        EngineOutputs spark = EngineOutputs.ofSparkParquet(LocalSpark.session(), dir.resolve("spark"));

        assertThat(spark.matches()).containsExactly(
                List.of("1", "1", "counted", "", "U054"),
                List.of("3", "3", "counted", "", "U054"),
                List.of("4", "4", "excluded", "cancer_diagnosis;private_patient", "U055"));
        assertThat(spark.rejected()).containsExactly(
                List.of("2", "2", "Age_at_Start_of_Episode_SUS", "not a whole number: '45.5'"),
                List.of("5", "5", "Age_at_Start_of_Episode_SUS", "number too long: '100000000000000000000'"));
        assertThat(spark.matches()).isEqualTo(single.matches());
        assertThat(spark.rejected()).isEqualTo(single.rejected());
        for (String key : List.of("rows_read", "counted", "excluded", "rejected", "by_provider", "by_month")) {
            assertThat(spark.summary().get(key)).as(key).isEqualTo(single.summary().get(key));
        }
    }

    /** A category stored as a number: 2 is the code '02' (a private patient) on both engines. */
    @Test
    void anAdministrativeCategoryStoredAsANumberIsTheTwoDigitCodeOnBothEngines() throws IOException {
        StructType schema = new StructType().add("OPA_Ident", DataTypes.StringType)
                .add("Administrative_Category", DataTypes.IntegerType).add("Age_at_Start_of_Episode_SUS", DataTypes.StringType)
                .add("Der_Age_at_CDS_Activity_Date", DataTypes.StringType).add("Der_Diagnosis_All", DataTypes.StringType)
                .add("Der_Procedure_All", DataTypes.StringType);
        Path parquet = dir.resolve("category.parquet");
        writeParquet(parquet, schema, List.of(RowFactory.create("1", 1, "40", null, null, "U054"),
                RowFactory.create("2", 2, "40", null, null, "U054"), RowFactory.create("3", null, "40", null, null, "U054"),
                RowFactory.create("4", 12, "40", null, null, "U054"), RowFactory.create("5", 0, "40", null, null, "U054")));
        SparkAudit.run(LocalSpark.session(), SparkAuditOptions.of(parquet.toString(), dir.resolve("spark-cat").toString()));
        EngineOutputs spark = EngineOutputs.ofSparkParquet(LocalSpark.session(), dir.resolve("spark-cat"));
        assertThat(spark.matches()).containsExactly(List.of("1", "1", "counted", "", "U054"),
                List.of("2", "2", "excluded", "private_patient", "U054"), List.of("3", "3", "counted", "", "U054"),
                List.of("4", "4", "counted", "", "U054"), List.of("5", "5", "counted", "", "U054"));
        // The single-machine engine reads the Spark-written part files the same way.
        java.nio.file.Path part;
        try (var files = Files.list(parquet)) {
            part = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Audit.run(AuditOptions.of(part, dir.resolve("single-cat")));
        assertThat(spark.matches()).isEqualTo(EngineOutputs.ofSingleMachine(dir.resolve("single-cat")).matches());
    }

    @Test
    void anAppointmentDateInUtcIsRefusedForItsDayDependsOnATimeZone() {
        Path parquet = dir.resolve("instant.parquet");
        writeParquet(parquet, schema(DataTypes.TimestampType, DataTypes.IntegerType, DataTypes.StringType),
                List.of(RowFactory.create("1", java.sql.Timestamp.valueOf("2024-01-05 00:30:00"), "RXH", "01", 45, null, null, "U054")));
        assertThatThrownBy(() -> SparkAudit.run(LocalSpark.session(),
                SparkAuditOptions.of(parquet.toString(), dir.resolve("out").toString())))
                .isInstanceOf(UnreadableExtractException.class)
                .hasMessageContaining("Appointment_Date is a timestamp in UTC").hasMessageContaining("to_date(Appointment_Date)");
    }

    @Test
    void aNestedColumnIsRefused() {
        Path parquet = dir.resolve("nested.parquet");
        StructType codes = new StructType().add("first", DataTypes.StringType);
        writeParquet(parquet, schema(DataTypes.DateType, DataTypes.IntegerType, codes),
                List.of(RowFactory.create("1", Date.valueOf("2024-01-05"), "RXH", "01", 45, null, null, RowFactory.create("U054"))));
        assertThatThrownBy(() -> SparkAudit.run(LocalSpark.session(),
                SparkAuditOptions.of(parquet.toString(), dir.resolve("out").toString())))
                .isInstanceOf(UnreadableExtractException.class)
                .hasMessageContaining("Der_Procedure_All is struct<first:string>, which has no plain text value");
    }

    @Test
    void partsWithoutAColumnTheAuditReadsAreRefusedNotReadAsMissingValues() throws IOException {
        Path folder = dir.resolve("parts.parquet");
        SparkSession spark = LocalSpark.session();
        StructType full = schema(DataTypes.DateType, DataTypes.IntegerType, DataTypes.StringType);
        spark.createDataFrame(List.of(RowFactory.create("1", Date.valueOf("2024-01-05"), "RXH", "02", 45, null, "C509", "U054")),
                full).coalesce(1).write().parquet(folder.resolve("a").toString());
        spark.createDataFrame(List.of(RowFactory.create("2", Date.valueOf("2024-01-05"), "RXH", "02", 45, null, "U054")),
                new StructType(java.util.Arrays.stream(full.fields()).filter(f -> !f.name().equals("Der_Diagnosis_All"))
                        .toArray(org.apache.spark.sql.types.StructField[]::new)))
                .coalesce(1).write().parquet(folder.resolve("b").toString());
        Path flat = Files.createDirectories(dir.resolve("flat.parquet"));
        for (String part : List.of("a", "b")) {
            try (var files = Files.list(folder.resolve(part))) {
                Path file = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
                Files.copy(file, flat.resolve("part-" + part + ".parquet"));
            }
        }
        assertThatThrownBy(() -> SparkAudit.run(spark, SparkAuditOptions.of(flat.toString(), dir.resolve("out").toString())))
                .isInstanceOf(UnreadableExtractException.class)
                .hasMessageContaining("part-b.parquet has no Der_Diagnosis_All");

        Files.createDirectories(flat.resolve("_delta_log"));
        assertThatThrownBy(() -> SparkAudit.run(spark, SparkAuditOptions.of(flat.toString(), dir.resolve("out").toString())))
                .isInstanceOf(UnreadableExtractException.class).hasMessageContaining("is a Delta table");
    }
}
