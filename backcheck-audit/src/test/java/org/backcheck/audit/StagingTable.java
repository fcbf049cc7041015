package org.backcheck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.backcheck.contract.ContractRow;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.postgresql.PGConnection;

/**
 * Contract rows loaded the way an analyst's staging table holds an extract: every column text
 * (VARCHAR), named as in the extract header (unquoted, so PostgreSQL stores it in lower case), plus
 * {@code row_no} (the row's position, from 1) to compare by. A missing value is NULL; empty text
 * and a field of spaces are loaded as they are.
 */
final class StagingTable {

    static final String NAME = "opa_staging";

    private StagingTable() {
    }

    private static String ddl(String textType) {
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + NAME + " (row_no bigint NOT NULL");
        for (String column : ContractRow.EXTRACT_COLUMNS) {
            ddl.append(", ").append(column).append(' ').append(textType);
        }
        return ddl.append(')').toString();
    }

    /** The contract rows, each its row number then its extract values. */
    private static List<Object[]> numbered(List<ContractRow> rows) {
        List<Object[]> out = new java.util.ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] values = rows.get(i).extractValues();
            Object[] row = new Object[values.length + 1];
            row[0] = (long) i + 1;
            System.arraycopy(values, 0, row, 1, values.length);
            out.add(row);
        }
        return out;
    }

    static void loadPostgres(Connection c, List<ContractRow> rows) throws Exception {
        loadPostgres(c, ddl("varchar"), NAME, numbered(rows));
    }

    static void loadDuckDb(Connection c, List<ContractRow> rows) throws SQLException {
        loadDuckDb(c, ddl("VARCHAR"), NAME, numbered(rows));
    }

    /** Runs {@code ddl}, then copies the rows into {@code table} (a {@code null} value is NULL; a Long a number). */
    static void loadPostgres(Connection c, String ddl, String table, List<Object[]> rows) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(ddl);
        }
        // COPY's CSV format: an unquoted empty field is NULL, a quoted one is ''.
        StringBuilder csv = new StringBuilder(rows.size() * 100);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                csv.append(i > 0 ? "," : "");
                if (row[i] != null) {
                    csv.append('"').append(row[i].toString().replace("\"", "\"\"")).append('"');
                }
            }
            csv.append('\n');
        }
        long copied = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " FROM STDIN WITH (FORMAT csv)", new StringReader(csv.toString()));
        assertThat(copied).isEqualTo(rows.size());
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE " + table);
        }
    }

    /** Runs {@code ddl}, then appends the rows to {@code table} (a {@code null} value is NULL; a Long a number). */
    static void loadDuckDb(Connection c, String ddl, String table, List<Object[]> rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(ddl);
        }
        try (DuckDBAppender appender = c.unwrap(DuckDBConnection.class).createAppender("main", table)) {
            for (Object[] row : rows) {
                appender.beginRow();
                for (Object value : row) {
                    if (value == null) {
                        appender.appendNull();
                    } else if (value instanceof Long n) {
                        appender.append((long) n);
                    } else {
                        appender.append((String) value);
                    }
                }
                appender.endRow();
            }
        }
        try (Statement s = c.createStatement(); var r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            assertThat(r.getLong(1)).as("rows in DuckDB").isEqualTo(rows.size());
        }
    }
}
