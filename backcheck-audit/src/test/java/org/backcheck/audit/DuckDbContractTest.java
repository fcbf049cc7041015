package org.backcheck.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.backcheck.contract.ContractRow;
import org.backcheck.measure.sql.SqlDialect;
import org.junit.jupiter.api.AfterAll;

/** The engine contract for {@code backcheck sql --dialect duckdb}, run by DuckDB in process. */
class DuckDbContractTest extends StagedSqlContract {

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
    void load(Connection c, List<ContractRow> rows) throws SQLException {
        StagingTable.loadDuckDb(c, rows);
    }

    @AfterAll
    void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }
}
