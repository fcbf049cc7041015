package org.backcheck.service.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.backcheck.service.feedback.FeedbackStore.StoredFeedback;
import org.backcheck.service.feedback.FeedbackSummary.ReasonCount;
import org.backcheck.service.feedback.FeedbackSummary.ServiceSummary;
import org.junit.jupiter.api.Test;

/** What every {@link FeedbackStore} must do; one subclass per database. */
abstract class FeedbackStoreContract {

    static final Coding PATIENT_REFUSED = new Coding("patient-refused", "https://backcheck.example/override", "Patient refused");
    static final Coding RED_FLAG = new Coding("red-flag", "https://backcheck.example/override", "Red flag present");

    /** A fresh, empty store. */
    abstract FeedbackStore openFresh() throws Exception;

    /** The same database as the last {@link #openFresh()} (after it was closed). */
    abstract FeedbackStore reopen() throws Exception;

    static FeedbackEntry accepted(String when, String... suggestions) {
        return new FeedbackEntry(UUID.randomUUID(), Outcome.ACCEPTED, List.of(suggestions), null, null, Instant.parse(when));
    }

    static FeedbackEntry overridden(String when, Coding reason, String comment) {
        return new FeedbackEntry(UUID.randomUUID(), Outcome.OVERRIDDEN, List.of(), reason, comment, Instant.parse(when));
    }

    @Test
    void roundTripAndPersistAcrossARestart() throws Exception {
        FeedbackEntry a = accepted("2025-03-01T10:00:00Z", "s-1", "s-2");
        FeedbackEntry o = overridden("2025-03-01T11:00:00.123Z", PATIENT_REFUSED, "Patient declined; comment with ünïcödé");
        FeedbackEntry bare = overridden("2025-03-01T12:00:00Z", new Coding("c", "s", null), null);
        Instant received = Instant.parse("2025-03-01T12:00:01Z");
        try (FeedbackStore store = openFresh()) {
            store.record("svc", List.of(a, o, bare), "https://ehr.example", "trust-1", received);
            store.record("other", List.of(accepted("2025-03-02T00:00:00Z", "x")), null, null, received);
        }
        try (FeedbackStore store = reopen()) {
            assertThat(store.feedback("svc")).containsExactly(
                    new StoredFeedback("svc", a, "https://ehr.example", "trust-1", received),
                    new StoredFeedback("svc", o, "https://ehr.example", "trust-1", received),
                    new StoredFeedback("svc", bare, "https://ehr.example", "trust-1", received));
            assertThat(store.feedback("other")).singleElement()
                    .satisfies(f -> assertThat(f.issuer()).isNull());
            assertThat(store.feedback("nobody")).isEmpty();
        }
    }

    @Test
    void summarisesPerPeriodAndService() throws Exception {
        try (FeedbackStore store = openFresh()) {
            store.recordCardsIssued("svc", 3, Instant.parse("2025-03-01T09:00:00Z"));
            store.recordCardsIssued("svc", 2, Instant.parse("2025-03-01T23:59:59Z"));
            store.recordCardsIssued("svc", 4, Instant.parse("2025-03-03T08:00:00Z")); // Monday: next ISO week
            store.recordCardsIssued("svc", 7, Instant.parse("2025-04-01T08:00:00Z"));
            store.recordCardsIssued("other", 1, Instant.parse("2025-03-01T08:00:00Z"));
            store.recordCardsIssued("svc", 0, Instant.parse("2025-05-01T08:00:00Z"));
            store.record("svc", List.of(
                    accepted("2025-03-01T10:00:00Z", "s"),
                    overridden("2025-03-01T10:05:00Z", PATIENT_REFUSED, null),
                    overridden("2025-03-03T10:05:00Z", PATIENT_REFUSED, "again"),
                    overridden("2025-03-03T10:06:00Z", RED_FLAG, null),
                    overridden("2025-03-03T10:07:00Z", null, "no reason"),
                    accepted("2025-04-02T10:00:00Z", "s")), "iss", null, Instant.parse("2025-04-02T10:00:00Z"));

            FeedbackSummary month = store.summary(SummaryPeriod.MONTH);
            assertThat(month.periods()).extracting(FeedbackSummary.PeriodSummary::period).containsExactly("2025-03", "2025-04");
            ServiceSummary march = month.periods().get(0).services().get(1);
            assertThat(month.periods().get(0).services().get(0)).isEqualTo(new ServiceSummary("other", 1, 0, 0, List.of()));
            assertThat(march).isEqualTo(new ServiceSummary("svc", 9, 1, 4, List.of(
                    new ReasonCount(PATIENT_REFUSED.code(), PATIENT_REFUSED.system(), PATIENT_REFUSED.display(), 2),
                    new ReasonCount(null, null, null, 1),
                    new ReasonCount(RED_FLAG.code(), RED_FLAG.system(), RED_FLAG.display(), 1))));
            assertThat(month.periods().get(1).services()).containsExactly(new ServiceSummary("svc", 7, 1, 0, List.of()));

            FeedbackSummary week = store.summary(SummaryPeriod.WEEK);
            assertThat(week.periods()).extracting(FeedbackSummary.PeriodSummary::period)
                    .containsExactly("2025-W09", "2025-W10", "2025-W14");
            assertThat(week.periods().get(0).services()).extracting(ServiceSummary::cardsIssued).containsExactly(1L, 5L);
            assertThat(week.periods().get(1).services().get(0).overridden()).isEqualTo(3);

            FeedbackSummary day = store.summary(SummaryPeriod.DAY);
            assertThat(day.periods()).extracting(FeedbackSummary.PeriodSummary::period)
                    .containsExactly("2025-03-01", "2025-03-03", "2025-04-01", "2025-04-02");
        }
    }

    /** One group commit of the cards counted for several services (CardsIssuedCounter's batch), kept across a restart. */
    @Test
    void countsForSeveralServicesAreAddedInOneCallAndKept() throws Exception {
        Instant at = Instant.parse("2025-03-01T09:00:00Z");
        try (FeedbackStore store = openFresh()) {
            store.recordCardsIssued(java.util.Map.of("a", 2L, "b", 3L), at);
            store.recordCardsIssued(java.util.Map.of("a", 5L, "c", 0L), at);
        }
        try (FeedbackStore store = reopen()) {
            assertThat(store.summary(SummaryPeriod.DAY).periods()).singleElement().satisfies(p ->
                    assertThat(p.services()).extracting(ServiceSummary::serviceId, ServiceSummary::cardsIssued)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 7L), org.assertj.core.groups.Tuple.tuple("b", 3L)));
        }
    }

    @Test
    void emptyStoreSummarisesToNothing() throws Exception {
        try (FeedbackStore store = openFresh()) {
            assertThat(store.summary(SummaryPeriod.DAY).periods()).isEmpty();
        }
    }
}
