package org.backcheck.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.backcheck.measure.sql.SqlDialect;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterAll;

/** {@code backcheck sql --dialect duckdb --grain ...} against aggregates.csv, on DuckDB in process. */
class DuckDbGroupedSqlTest extends GroupedSqlContract {

    private Connection connection;

    @Override
    SqlDialect dialect() {
        return SqlDialect.DUCKDB;
    }

    @Override
    Connection connection() throws SQLException {
        if (connection == null) {
            connection = DriverManager.getConnection("jdbc:duckdb:");
        }
        return connection;
    }

    @Override
    void load(Connection c, String table, List<String[]> records) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(ddl(table, records.get(0), "VARCHAR"));
        }
        try (DuckDBAppender appender = c.unwrap(DuckDBConnection.class).createAppender("main", table)) {
            for (int i = 1; i < records.size(); i++) {
                appender.beginRow();
                for (String value : records.get(i)) {
                    if (loadedAsNull(i, value)) {
                        appender.appendNull();
                    } else {
                        appender.append(value);
                    }
                }
                appender.endRow();
            }
        }
    }

    @AfterAll
    void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }
}
