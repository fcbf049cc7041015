package org.backcheck.service.feedback;

import java.util.List;

/**
 * Feedback counts per period and service.
 *
 * @param period  how time is grouped (UTC)
 * @param periods oldest first; only periods with cards issued or feedback
 */
public record FeedbackSummary(SummaryPeriod period, List<PeriodSummary> periods) {

    public FeedbackSummary {
        periods = List.copyOf(periods);
    }

    /** @param period the label, e.g. {@code 2025-03} */
    public record PeriodSummary(String period, List<ServiceSummary> services) {
        public PeriodSummary {
            services = List.copyOf(services);
        }
    }

    /**
     * @param cardsIssued     as reported by {@link FeedbackStore#recordCardsIssued}
     * @param accepted        feedback elements with outcome accepted
     * @param overridden      feedback elements with outcome overridden
     * @param overrideReasons overridden, by reason (a null code: no reason given), most frequent first
     */
    public record ServiceSummary(String serviceId, long cardsIssued, long accepted, long overridden,
                                 List<ReasonCount> overrideReasons) {
        public ServiceSummary {
            overrideReasons = List.copyOf(overrideReasons);
        }
    }

    /** An override reason and how often it was given; code, system and display null for "none given". */
    public record ReasonCount(String code, String system, String display, long count) {}
}
