package org.backcheck.service.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on a SQLite file (the default). */
class FeedbackStoreSqliteTest extends FeedbackStoreContract {

    @TempDir
    Path dir;

    private Path file;

    @Override
    FeedbackStore openFresh() {
        file = dir.resolve("data").resolve("feedback-" + System.nanoTime() + ".db");
        return JdbcFeedbackStore.sqlite(file);
    }

    @Override
    FeedbackStore reopen() {
        return JdbcFeedbackStore.open("jdbc:sqlite:" + file, Map.of());
    }

    @Test
    void createsTheFolderAndFile() {
        try (FeedbackStore s = openFresh()) {
            assertThat(Files.isRegularFile(file)).isTrue();
        }
    }

    @Test
    void refusesOtherUrls() {
        assertThatThrownBy(() -> JdbcFeedbackStore.open("jdbc:mysql://x/y?password=secret", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql: or jdbc:sqlite:")
                .hasMessageNotContaining("secret");
    }
}
