package org.backcheck.service.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.backcheck.audit.LocalPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same contract on a real PostgreSQL (Debian's, started by {@link LocalPostgres}); fails, never skips, without it. */
class FeedbackStorePostgresTest extends FeedbackStoreContract {

    private static LocalPostgres postgres;
    private static int databases;
    private String url;

    @BeforeAll
    static void start() throws Exception {
        postgres = LocalPostgres.start();
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    FeedbackStore openFresh() throws Exception {
        String db = "feedback_" + (++databases);
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        url = postgres.jdbcUrl().replace("/postgres", "/" + db);
        return JdbcFeedbackStore.open(url, Map.of(JdbcFeedbackStore.ENV_USER, "postgres"));
    }

    @Override
    FeedbackStore reopen() {
        return JdbcFeedbackStore.postgres(url + "?user=postgres", null, null);
    }

    @Test
    void runsOnPostgres() throws Exception {
        assertThat(postgres.version()).startsWith("PostgreSQL");
    }
}
