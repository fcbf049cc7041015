package org.backcheck.audit.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.backcheck.audit.Audit;
import org.backcheck.audit.AuditOptions;
import org.backcheck.extract.UnreadableExtractException;
import org.backcheck.report.AuditFigures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cases from the independent review of issue 12's Parquet path (findings 2 and 3). */
class ParquetReviewCasesTest {

    @TempDir
    Path dir;

    /**
     * Administrative_Category stored as an unsigned whole number is the same two-digit code as a
     * signed one (2 is '02', a private appointment), as the Spark job reads it: the same file
     * cannot be counted by one engine and excluded by the other.
     */
    @Test
    void anUnsignedCategoryIsATwoDigitCodeAsASignedOneIs() throws Exception {
        for (boolean signed : new boolean[] {true, false}) {
            MessageType schema = Types.buildMessage()
                    .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("Der_Procedure_All")
                    .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("Age_at_Start_of_Episode_SUS")
                    .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("Der_Age_at_CDS_Activity_Date")
                    .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("Der_Diagnosis_All")
                    .optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(8, signed)).named("Administrative_Category")
                    .named("opa");
            Path file = dir.resolve("category-" + signed + ".parquet");
            ParquetFixtures.write(file, schema, List.<Object[]>of(new Object[] {"U054", "45", null, "X", 2},
                    new Object[] {"U054", "45", null, "X", 1}));
            AuditFigures figures = Audit.run(AuditOptions.of(file, dir.resolve("out-" + signed)));
            assertThat(figures.excluded()).as("signed " + signed).isEqualTo(1);
            assertThat(figures.counted()).as("signed " + signed).isEqualTo(1);
        }
    }

    /**
     * A DECIMAL wider than 38 digits is refused when the column is chosen, naming it, before any
     * value is read: a declared scale of three hundred million would make one small value a cell
     * of that many digits.
     */
    @Test
    void aDecimalWiderThan38DigitsIsRefusedByName() {
        Type wide = Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.decimalType(300_000_000, 300_000_000))
                .named("Age_at_Start_of_Episode_SUS");
        assertThatThrownBy(() -> ColumnText.of(wide))
                .isInstanceOf(UnreadableExtractException.class)
                .hasMessageContaining("Age_at_Start_of_Episode_SUS")
                .hasMessageContaining("wider than the 38 digits");
        Type fine = Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(16)
                .as(LogicalTypeAnnotation.decimalType(2, 38)).named("Age_at_Start_of_Episode_SUS");
        assertThat(ColumnText.of(fine)).isNotNull();
    }

    /**
     * Each worker reads a row group's chosen columns whole, so a row group whose audited columns
     * take more than twice --max-record-bytes (compressed) is refused before any is read, naming
     * the file, the group and what to do (review finding 4: before, nothing bounded it).
     */
    @Test
    void aRowGroupLargerThanTwiceTheRecordLimitIsRefusedBeforeItIsRead() throws Exception {
        Path file = dir.resolve("big-group.parquet");
        ParquetFixtures.duckDb("SET threads = 1", "COPY (SELECT md5(i::VARCHAR) AS Der_Procedure_All, "
                + "(i % 90)::VARCHAR AS Age_at_Start_of_Episode_SUS, NULL::VARCHAR AS Der_Age_at_CDS_Activity_Date, "
                + "md5((i * 7)::VARCHAR) AS Der_Diagnosis_All, '01' AS Administrative_Category FROM range(20000) t(i)) TO '"
                + file + "' (FORMAT parquet, ROW_GROUP_SIZE 20000)");
        assertThatThrownBy(() -> Audit.run(AuditOptions.of(file, dir.resolve("out-big")).withMaxRecordBytes(4096)))
                .isInstanceOf(UnreadableExtractException.class)
                .hasMessageContaining("big-group.parquet")
                .hasMessageContaining("row group (number 1, from data row 1)")
                .hasMessageContaining("smaller row groups");
        AuditFigures figures = Audit.run(AuditOptions.of(file, dir.resolve("out-default")));
        assertThat(figures.rowsRead()).isEqualTo(20_000);
    }
}
