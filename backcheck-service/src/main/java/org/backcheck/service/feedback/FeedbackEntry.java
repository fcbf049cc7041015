package org.backcheck.service.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One validated element of a feedback request's {@code feedback} array. Holds no patient data: the
 * CDS Hooks feedback body has none, and none is added.
 *
 * @param card                  the card's uuid
 * @param outcome               accepted or overridden
 * @param acceptedSuggestionIds the accepted suggestions' uuids: non-empty exactly when accepted
 * @param overrideReasonCode    the override reason chosen from the card's list, or null
 * @param userComment           the clinician's free-text comment, at most
 *                              {@value FeedbackRequest#MAX_COMMENT_CHARS} characters, or null
 * @param outcomeTimestamp      when the user acted
 */
public record FeedbackEntry(UUID card, Outcome outcome, List<String> acceptedSuggestionIds, Coding overrideReasonCode,
                            String userComment, Instant outcomeTimestamp) {
    public FeedbackEntry {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(outcome, "outcome");
        acceptedSuggestionIds = List.copyOf(acceptedSuggestionIds);
        Objects.requireNonNull(outcomeTimestamp, "outcomeTimestamp");
        if ((outcome == Outcome.ACCEPTED) == acceptedSuggestionIds.isEmpty()) {
            throw new IllegalArgumentException("accepted suggestions are required with, and only with, accepted");
        }
        if (outcome == Outcome.ACCEPTED && (overrideReasonCode != null || userComment != null)) {
            throw new IllegalArgumentException("an override reason belongs only to overridden feedback");
        }
        if (userComment != null && userComment.codePointCount(0, userComment.length()) > FeedbackRequest.MAX_COMMENT_CHARS) {
            throw new IllegalArgumentException("userComment longer than " + FeedbackRequest.MAX_COMMENT_CHARS);
        }
    }
}
