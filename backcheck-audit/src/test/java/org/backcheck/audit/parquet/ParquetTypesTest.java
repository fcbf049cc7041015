package org.backcheck.audit.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.backcheck.extract.UnreadableExtractException;
import org.backcheck.audit.Rfc4180Reader;
import org.backcheck.extract.UnreadableExtractException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each Parquet type becomes the text an analyst would expect, checked on files DuckDB writes (a
 * writer analysts use, with its own choice of physical types): one row of values, one of nulls.
 * INT96, which DuckDB does not write, is written with parquet-mr's example writer.
 */
class ParquetTypesTest {

    @TempDir
    Path dir;

    /** The file's rows as text: the header, then each record's fields. */
    private List<String[]> text(Path file) throws IOException {
        return ParquetFixtures.text(file);
    }

    private Path duckDb(String name, String select) throws Exception {
        Path file = dir.resolve(name);
        ParquetFixtures.duckDb("COPY (" + select + ") TO '" + file + "' (FORMAT parquet)");
        return file;
    }

    /** Asserts each column's text in the first row, and that the second row (all NULL) is all empty. */
    private void assertText(String select, String... expected) throws Exception {
        Path file = duckDb("types.parquet", "SELECT * EXCLUDE (k) FROM (SELECT 1 AS k, * FROM (" + select + ")"
                + " UNION ALL SELECT 2" + ", NULL".repeat(expected.length) + ") ORDER BY k");
        List<String[]> rows = text(file);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).containsExactly(expected);
        assertThat(rows.get(2)).containsOnly("").hasSize(expected.length);
    }

    @Test
    void textIsWrittenAsItIsAndQuotedWhereCsvNeedsIt() throws Exception {
        assertText("SELECT 'a,b\"c' AS s, 'line\nbreak' AS l, '  padded ' AS p, '' AS e, 'é' AS u, 'xyz'::BLOB AS raw",
                "a,b\"c", "line\nbreak", "  padded ", "", "é", "xyz");
    }

    @Test
    void wholeNumbersInDecimalUnsignedOnesAsUnsigned() throws Exception {
        assertText("SELECT -5::TINYINT AS a, 300::SMALLINT AS b, 45::INTEGER AS c, '-9223372036854775808'::BIGINT AS d,"
                        + " 200::UTINYINT AS e, 4000000000::UINTEGER AS f, 18446744073709551615::UBIGINT AS g",
                "-5", "300", "45", "-9223372036854775808", "200", "4000000000", "18446744073709551615");
    }

    @Test
    void decimalsWithTheirPlacesWhateverTheirPhysicalType() throws Exception {
        assertText("SELECT 45::DECIMAL(4,0) AS a, 12.50::DECIMAL(5,2) AS b, -1.005::DECIMAL(18,3) AS c,"
                        + " 12345678901234567890.12::DECIMAL(38,2) AS d, -0.01::DECIMAL(38,2) AS e",
                "45", "12.50", "-1.005", "12345678901234567890.12", "-0.01");
    }

    @Test
    void datesTimesAndTimestamps() throws Exception {
        assertText("SELECT DATE '2024-02-29' AS d, DATE '1899-12-31' AS old, TIME '09:30:05' AS t,"
                        + " TIMESTAMP '2024-03-31 00:00:00' AS midnight, TIMESTAMP '2024-03-31 23:05:01.25' AS ts,"
                        + " TIMESTAMP_MS '2024-01-01 10:00:00.123' AS ms, TIMESTAMP_NS '2024-01-01 10:00:00.123456789' AS ns,"
                        + " TIMESTAMPTZ '2024-06-01 00:00:00+01' AS instant",
                "2024-02-29", "1899-12-31", "09:30:05", "2024-03-31 00:00:00", "2024-03-31 23:05:01.250000",
                "2024-01-01 10:00:00.123", "2024-01-01 10:00:00.123456789", "2024-05-31T23:00:00Z");
    }

    @Test
    void booleansFloatsAndUuids() throws Exception {
        assertText("SELECT true AS b, 45.0::DOUBLE AS whole, 0.1::DOUBLE AS tenth, 1e20::DOUBLE AS big, 'NaN'::DOUBLE AS nan,"
                        + " 1.5::FLOAT AS f, -0.0::DOUBLE AS negzero, '123e4567-e89b-12d3-a456-426614174000'::UUID AS u",
                "true", "45", "0.1", "100000000000000000000", "", "1.5", "0", "123e4567-e89b-12d3-a456-426614174000");
    }

    @Test
    void nestedColumnsAreRefusedByName() throws Exception {
        Path list = duckDb("list.parquet", "SELECT 'U054' AS Der_Procedure_All, ['U054', 'Z665'] AS Procedure_List");
        assertThatThrownBy(() -> text(list)).isInstanceOf(UnreadableExtractException.class)
                .hasMessageContaining("Procedure_List").hasMessageContaining("nested");
        Path struct = duckDb("struct.parquet", "SELECT {'code': 'U054'} AS Procedure, 1 AS x");
        assertThatThrownBy(() -> text(struct)).isInstanceOf(UnreadableExtractException.class)
                .hasMessageContaining("Procedure").hasMessageContaining("nested");
        Path map = duckDb("map.parquet", "SELECT MAP {'a': 1} AS Codes, 1 AS x");
        assertThatThrownBy(() -> text(map)).isInstanceOf(UnreadableExtractException.class).hasMessageContaining("Codes");
    }

    @Test
    void anInstantIsRefusedAsTheAppointmentDateOnly() throws Exception {
        Path instant = duckDb("instant.parquet", "SELECT TIMESTAMPTZ '2024-04-01 00:00:00+01' AS appointment_date, 1 AS x");
        assertThatThrownBy(() -> text(instant)).isInstanceOf(UnreadableExtractException.class)
                .hasMessageContaining("appointment_date").hasMessageContaining("time zone").hasMessageContaining("DATE");
        Path local = duckDb("local.parquet", "SELECT TIMESTAMP '2024-04-01 00:00:00' AS appointment_date, 1 AS x");
        assertThat(text(local).get(1)).containsExactly("2024-04-01 00:00:00", "1");
    }

    /** INT96, the legacy timestamp Spark and Impala write: nanoseconds of the day, then the Julian day, little-endian. */
    private Path int96(String column, long julianDay, long nanoOfDay) throws IOException {
        MessageType schema = Types.buildMessage().optional(PrimitiveTypeName.INT96).named(column)
                .required(PrimitiveTypeName.INT32).named("x").named("spark_schema");
        Path file = dir.resolve(column + "-" + nanoOfDay + ".parquet");
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema).build()) {
            ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(nanoOfDay).putInt((int) julianDay);
            Group g = new SimpleGroupFactory(schema).newGroup();
            g.add(column, Binary.fromConstantByteArray(b.array()));
            g.add("x", 1);
            w.write(g);
        }
        return file;
    }

    @Test
    void int96TimestampsAreInstantsInUtc() throws Exception {
        // Julian day 2460311 is 2024-01-01.
        assertThat(text(int96("Load_Time", 2_460_311, 36_000_000_000_005L)).get(1))
                .containsExactly("2024-01-01T10:00:00.000000005Z", "1");
        assertThat(text(int96("Load_Time", 2_460_311, 0)).get(1)).containsExactly("2024-01-01T00:00:00Z", "1");
        assertThatThrownBy(() -> text(int96("Appointment_Date", 2_460_311, 0))).isInstanceOf(UnreadableExtractException.class)
                .hasMessageContaining("Appointment_Date is INT96");
    }

    @Test
    void typesWithoutPlainTextAreRefusedByName() throws Exception {
        Path interval = duckDb("interval.parquet", "SELECT INTERVAL 3 DAY AS Wait, 1 AS x");
        assertThatThrownBy(() -> text(interval)).isInstanceOf(UnreadableExtractException.class).hasMessageContaining("Wait");
    }
}
