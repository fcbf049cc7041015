package org.backcheck.service.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CardsIssuedCounterTest {

    @TempDir
    Path dir;

    @Test
    void eachCountIsInTheStoreWhenAddReturnsFromManyThreadsAtOnce() throws Exception {
        try (JdbcFeedbackStore store = JdbcFeedbackStore.sqlite(dir.resolve("f.db"));
             CardsIssuedCounter counter = new CardsIssuedCounter(store, Clock.systemUTC())) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            for (int i = 0; i < 1000; i++) {
                pool.submit(() -> counter.add("lumbar-imaging-order-sign", 1));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            counter.add("lumbar-imaging-order-select", 0);
            counter.add("lumbar-imaging-order-select", 2);
            // No flush and no close: add returned, so the counts are committed.
            FeedbackSummary summary = store.summary(SummaryPeriod.MONTH);
            String json = FeedbackRoutes.toJson(summary).toString();
            assertThat(json).contains("\"service\":\"lumbar-imaging-order-sign\",\"cardsIssued\":1000")
                    .contains("\"service\":\"lumbar-imaging-order-select\",\"cardsIssued\":2");
        }
    }
}
