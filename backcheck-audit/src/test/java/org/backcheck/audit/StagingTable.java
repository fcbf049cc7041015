package org.backcheck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.postgresql.PGConnection;

/**
 * An extract loaded the way an analyst's staging table holds it: every column text (VARCHAR),
 * named as in the extract header (unquoted, so PostgreSQL stores it in lower case), values exactly
 * as in the file, plus {@code row_no} to compare by. Importers differ on an empty field: this loads
 * it as NULL in even rows and as '' in odd rows, so the SQL is tried on both. A field of spaces is
 * loaded as it is.
 */
final class StagingTable {

    static final String NAME = "opa_staging";

    private StagingTable() {
    }

    static boolean emptyAsNull(long rowNo) {
        return rowNo % 2 == 0;
    }

    private static String ddl(List<String> header, String textType) {
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + NAME + " (row_no bigint NOT NULL");
        for (String column : header) {
            ddl.append(", ").append(column).append(' ').append(textType);
        }
        return ddl.append(')').toString();
    }

    static void loadPostgres(Connection c, List<String> header, List<String[]> rows) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(ddl(header, "varchar"));
        }
        // COPY's CSV format: an unquoted empty field is NULL, a quoted one is ''.
        StringBuilder csv = new StringBuilder(rows.size() * 100);
        for (int i = 0; i < rows.size(); i++) {
            long rowNo = i + 1;
            csv.append(rowNo);
            for (String value : rows.get(i)) {
                csv.append(',');
                if (!value.isEmpty() || !emptyAsNull(rowNo)) {
                    csv.append('"').append(value.replace("\"", "\"\"")).append('"');
                }
            }
            csv.append('\n');
        }
        long copied = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + NAME + " FROM STDIN WITH (FORMAT csv)", new StringReader(csv.toString()));
        assertThat(copied).isEqualTo(rows.size());
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE " + NAME);
        }
    }

    static void loadDuckDb(Connection c, List<String> header, List<String[]> rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(ddl(header, "VARCHAR"));
        }
        try (DuckDBAppender appender = c.unwrap(DuckDBConnection.class).createAppender("main", NAME)) {
            for (int i = 0; i < rows.size(); i++) {
                long rowNo = i + 1;
                appender.beginRow().append(rowNo);
                for (String value : rows.get(i)) {
                    if (value.isEmpty() && emptyAsNull(rowNo)) {
                        appender.appendNull();
                    } else {
                        appender.append(value);
                    }
                }
                appender.endRow();
            }
        }
        try (Statement s = c.createStatement(); var r = s.executeQuery("SELECT count(*) FROM " + NAME)) {
            r.next();
            assertThat(r.getLong(1)).as("rows in DuckDB").isEqualTo(rows.size());
        }
    }
}
