package org.backcheck.audit;

import java.sql.Connection;
import java.util.List;
import org.backcheck.contract.ContractRow;
import org.backcheck.measure.sql.SqlDialect;
import org.junit.jupiter.api.AfterAll;

/** The engine contract for {@code backcheck sql --dialect postgres}, run by a throw-away PostgreSQL ({@link LocalPostgres}). */
class PostgresContractTest extends StagedSqlContract {

    private LocalPostgres postgres;
    private Connection connection;

    @Override
    SqlDialect dialect() {
        return SqlDialect.POSTGRES;
    }

    @Override
    Connection connection() throws Exception {
        if (connection == null) {
            long t = System.nanoTime();
            postgres = LocalPostgres.start();
            connection = postgres.connect();
            seconds.put("start", Math.round((System.nanoTime() - t) / 1e7) / 100.0);
            System.out.println("PostgreSQL: " + postgres.version());
        }
        return connection;
    }

    @Override
    void load(Connection c, List<ContractRow> rows) throws Exception {
        StagingTable.loadPostgres(c, rows);
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
