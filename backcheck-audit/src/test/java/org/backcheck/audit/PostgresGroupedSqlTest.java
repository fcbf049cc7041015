package org.backcheck.audit;

import java.sql.Connection;
import java.util.List;
import org.backcheck.measure.sql.SqlDialect;
import org.junit.jupiter.api.AfterAll;

/** {@code backcheck sql --dialect postgres --grain ...} against aggregates.csv, on a throw-away PostgreSQL ({@link LocalPostgres}). */
class PostgresGroupedSqlTest extends GroupedSqlContract {

    private LocalPostgres postgres;
    private Connection connection;

    @Override
    SqlDialect dialect() {
        return SqlDialect.POSTGRES;
    }

    @Override
    Connection connection() throws Exception {
        if (connection == null) {
            postgres = LocalPostgres.start();
            connection = postgres.connect();
        }
        return connection;
    }

    @Override
    void load(Connection c, String table, List<String[]> records) throws Exception {
        StagingTable.loadPostgres(c, ddl(table, records.get(0), "varchar"), table, values(records));
    }

    @AfterAll
    void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
