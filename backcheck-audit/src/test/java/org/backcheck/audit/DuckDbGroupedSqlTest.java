package org.backcheck.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.backcheck.measure.sql.SqlDialect;
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
        StagingTable.loadDuckDb(c, ddl(table, records.get(0), "VARCHAR"), table, values(records));
    }

    @AfterAll
    void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }
}
