package org.backcheck.service.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Security review F10: a database error reaches the log without the row values PostgreSQL quotes in its detail. */
class DatabaseErrorTextTest {

    @Test
    void onlyTheFirstLineAndTheSqlStateAreKept() {
        SQLException e = new SQLException("ERROR: duplicate key value violates unique constraint \"cds_feedback_pkey\"\n"
                + "  Detail: Key (user_comment)=(Mrs Jones, 12 High St) already exists.", "23505");
        assertThat(JdbcFeedbackStore.describe(e))
                .isEqualTo("ERROR: duplicate key value violates unique constraint \"cds_feedback_pkey\" (SQLState 23505)")
                .doesNotContain("Jones");
    }

    @Test
    void aMessageOfOneLineOrNoneIsKeptAsItIs() {
        assertThat(JdbcFeedbackStore.describe(new SQLException("database is locked"))).isEqualTo("database is locked");
        assertThat(JdbcFeedbackStore.describe(new SQLException((String) null, "08001"))).isEqualTo(" (SQLState 08001)");
    }
}
