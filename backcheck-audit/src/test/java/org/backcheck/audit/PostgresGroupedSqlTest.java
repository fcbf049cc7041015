package org.backcheck.audit;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.backcheck.measure.sql.SqlDialect;
import org.junit.jupiter.api.AfterAll;
import org.postgresql.PGConnection;

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
        try (Statement s = c.createStatement()) {
            s.execute(ddl(table, records.get(0), "varchar"));
        }
        // COPY's CSV format: an unquoted empty field is NULL, a quoted one is ''.
        StringBuilder csv = new StringBuilder();
        for (int i = 1; i < records.size(); i++) {
            String[] f = records.get(i);
            for (int j = 0; j < f.length; j++) {
                csv.append(j > 0 ? "," : "");
                if (!loadedAsNull(i, f[j])) {
                    csv.append('"').append(f[j].replace("\"", "\"\"")).append('"');
                }
            }
            csv.append('\n');
        }
        c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN WITH (FORMAT csv)",
                new StringReader(csv.toString()));
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
