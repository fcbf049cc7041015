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

    static void loadPostgres(Connection c, List<ContractRow> rows) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(ddl("varchar"));
        }
        // COPY's CSV format: an unquoted empty field is NULL, a quoted one is ''.
        StringBuilder csv = new StringBuilder(rows.size() * 100);
        for (int i = 0; i < rows.size(); i++) {
            csv.append(i + 1);
            for (String value : rows.get(i).extractValues()) {
                csv.append(',');
                if (value != null) {
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

    static void loadDuckDb(Connection c, List<ContractRow> rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(ddl("VARCHAR"));
        }
        try (DuckDBAppender appender = c.unwrap(DuckDBConnection.class).createAppender("main", NAME)) {
            for (int i = 0; i < rows.size(); i++) {
                appender.beginRow().append((long) i + 1);
                for (String value : rows.get(i).extractValues()) {
                    if (value == null) {
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
