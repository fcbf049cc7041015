package org.backcheck.service.feedback;

import java.time.Instant;
import java.util.List;

/**
 * Where CDS Hooks feedback is kept. Implementations are thread-safe. Errors reaching the database
 * are {@link FeedbackStoreException}s.
 *
 * <p>Cards issued cannot be learnt from feedback (a client sends none for a card that was ignored),
 * so the CDS service handler reports them (through {@link CardsIssuedCounter}) each time it returns
 * cards; the summary's acceptance rates are relative to that count.
 */
public interface FeedbackStore extends AutoCloseable {

    /**
     * Stores a request's feedback, all or nothing.
     *
     * @param serviceId  the CDS service the feedback was posted to
     * @param issuer     the verified caller's {@code iss}, or null (insecure mode)
     * @param tenant     the verified caller's {@code tenant}, or null
     * @param receivedAt when the request arrived
     */
    void record(String serviceId, List<FeedbackEntry> entries, String issuer, String tenant, Instant receivedAt);

    /** Adds {@code count} to the cards {@code serviceId} returned on the UTC day of {@code at}. */
    default void recordCardsIssued(String serviceId, int count, Instant at) {
        recordCardsIssued(java.util.Map.of(serviceId, (long) count), at);
    }

    /** Adds each service's count to the cards it returned on the UTC day of {@code at}, in one transaction. */
    void recordCardsIssued(java.util.Map<String, Long> counts, Instant at);

    /** Cards issued, accepted and overridden (by reason), per period (UTC) and service. */
    FeedbackSummary summary(SummaryPeriod period);

    /** Everything stored for a service, oldest outcome first. */
    List<StoredFeedback> feedback(String serviceId);

    /** Releases the connections. */
    @Override
    void close();

    /**
     * One stored feedback element with what the handler added.
     *
     * @param issuer caller {@code iss} or null
     * @param tenant caller {@code tenant} or null
     */
    record StoredFeedback(String serviceId, FeedbackEntry entry, String issuer, String tenant, Instant receivedAt) {}
}
