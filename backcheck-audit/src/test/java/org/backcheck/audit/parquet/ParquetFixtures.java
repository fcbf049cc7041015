package org.backcheck.audit.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import blue.strategic.parquet.ParquetWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.backcheck.audit.Rfc4180Reader;
import org.backcheck.audit.generate.ExtractGenerator;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/** Test extracts as CSV and as Parquet, written by parquet-floor's writer or by DuckDB, and audit outputs compared. */
final class ParquetFixtures {

    private ParquetFixtures() {
    }

    /** A generated extract: its CSV bytes, exactly as the generator writes them, and its rows read back. */
    record Generated(byte[] csv, List<String[]> rows) { }

    static Generated generate(long rows, long seed) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ExtractGenerator.write(new ExtractGenerator.Options(rows, seed, ','), bytes);
        List<Rfc4180Reader.Row> read = Rfc4180Reader.readAll(bytes.toString(StandardCharsets.UTF_8), ',');
        assertThat(read.get(0).fields()).containsExactlyElementsOf(ExtractGenerator.HEADER);
        List<String[]> data = new ArrayList<>();
        read.subList(1, read.size()).forEach(r -> data.add(r.fields()));
        assertThat(data).hasSize((int) rows);
        return new Generated(bytes.toByteArray(), data);
    }

    /** Every column optional BINARY annotated STRING: how a text staging table exports. */
    static MessageType textSchema(List<String> columns) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (String c : columns) {
            b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c);
        }
        return b.named("opa");
    }

    /** Writes rows (values in schema order; null is a null) with parquet-floor's writer. */
    static Path write(Path file, MessageType schema, List<Object[]> rows) throws IOException {
        List<String> names = schema.getFields().stream().map(Type::getName).toList();
        try (ParquetWriter<Object[]> w = ParquetWriter.writeFile(schema, file.toFile(), (row, values) -> {
            for (int i = 0; i < row.length; i++) {
                if (row[i] != null) {
                    values.write(names.get(i), row[i]);
                }
            }
        })) {
            for (Object[] row : rows) {
                w.write(row);
            }
        }
        return file;
    }

    /** Text rows as Parquet strings; an empty field is a null in even rows and '' in odd rows, as exporters differ. */
    static List<Object[]> asStrings(List<String[]> rows) {
        List<Object[]> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            Object[] o = new Object[r.length];
            for (int c = 0; c < r.length; c++) {
                o[c] = r[c].isEmpty() && i % 2 == 0 ? null : r[c];
            }
            out.add(o);
        }
        return out;
    }

    /** RFC 4180 CSV of text rows (null is an empty field), "\n" line ends. */
    static Path writeCsv(Path file, List<String> header, List<? extends Object[]> rows) throws IOException {
        StringBuilder sb = new StringBuilder();
        line(sb, header.toArray());
        rows.forEach(r -> line(sb, r));
        Files.writeString(file, sb, StandardCharsets.UTF_8);
        return file;
    }

    static String csvLine(Object... values) {
        StringBuilder sb = new StringBuilder();
        line(sb, values);
        return sb.toString();
    }

    private static void line(StringBuilder sb, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String v = values[i] == null ? "" : values[i].toString();
            boolean quote = v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r");
            sb.append(quote ? '"' + v.replace("\"", "\"\"") + '"' : v);
        }
        sb.append('\n');
    }

    /**
     * Writes text rows to Parquet with DuckDB, as VARCHAR columns, in row groups of
     * {@code rowGroup} rows (an empty field: null in even rows, '' in odd ones).
     */
    static Path writeWithDuckDb(Path file, List<String> header, List<String[]> rows, int rowGroup) throws Exception {
        return writeWithDuckDb(file, header, rows, rowGroup, "snappy");
    }

    /** As above, with a compression DuckDB knows ({@code uncompressed, snappy, gzip, zstd, lz4_raw, brotli}). */
    static Path writeWithDuckDb(Path file, List<String> header, List<String[]> rows, int rowGroup, String compression)
            throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (" + String.join(" VARCHAR, ", header) + " VARCHAR)");
            try (DuckDBAppender appender = c.unwrap(DuckDBConnection.class).createAppender("main", "t")) {
                for (int i = 0; i < rows.size(); i++) {
                    appender.beginRow();
                    for (String value : rows.get(i)) {
                        if (value.isEmpty() && i % 2 == 0) {
                            appender.appendNull();
                        } else {
                            appender.append(value);
                        }
                    }
                    appender.endRow();
                }
            }
            // The appender keeps insertion order; ORDER BY nothing else, and one thread, so the file does too.
            s.execute("SET threads = 1");
            s.execute("COPY t TO '" + file.toString().replace("'", "''") + "' (FORMAT parquet, ROW_GROUP_SIZE " + rowGroup
                    + ", COMPRESSION " + compression + ")");
        }
        return file;
    }

    /** Runs DuckDB SQL: for files of types parquet-floor's writer does not write. */
    static void duckDb(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** A Parquet file's rows as text, as the audit decodes them: the header's names, then each row's fields (a null is ""). */
    static List<String[]> text(Path file) throws IOException {
        ParquetExtract extract = ParquetExtract.open(ParquetParts.of(file));
        List<String[]> rows = new ArrayList<>();
        rows.add(extract.names().toArray(String[]::new));
        for (RowGroup group = extract.next(); group != null; group = extract.next()) {
            group.read((bytes, offset, length, tooLong) -> {
                assertThat(tooLong).isFalse();
                String[] row = new String[length.length];
                for (int c = 0; c < row.length; c++) {
                    row[c] = new String(bytes[c], offset[c], length[c], StandardCharsets.UTF_8);
                }
                rows.add(row);
            });
        }
        return rows;
    }

    /**
     * Asserts two audit output folders hold the same results: files byte for byte, summary.json but for
     * the input's name and identity and the run's time.
     */
    static void assertSameAudit(Path expected, Path actual) throws IOException {
        for (String file : List.of("matches.csv", "rejected.csv")) {
            assertThat(Files.readAllBytes(actual.resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(expected.resolve(file)));
        }
        assertThat(summaryWithoutInput(actual)).isEqualTo(summaryWithoutInput(expected));
    }

    static JsonNode summaryWithoutInput(Path outDir) throws IOException {
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(outDir.resolve("summary.json").toFile());
        assertThat(json.path("input").asText()).isNotEmpty();
        json.remove("input");
        json.remove("elapsed_seconds");
        // The provenance names the input and the time of the run, which differ by run, and a CSV's delimiter,
        // which Parquet has none of; the rest must agree.
        ObjectNode provenance = (ObjectNode) json.get("provenance");
        provenance.remove("input");
        provenance.remove("run_utc");
        com.fasterxml.jackson.databind.node.ArrayNode options = (com.fasterxml.jackson.databind.node.ArrayNode) provenance.get("options");
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).asText().equals("--delimiter")) {
                options.remove(i + 1);
                options.remove(i);
                break;
            }
        }
        return json;
    }
}
