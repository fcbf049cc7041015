package org.backcheck.service.feedback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A validated CDS Hooks 2.0 feedback request ({@code POST {base}/cds-services/{id}/feedback}):
 * {@code {"feedback": [{card, outcome, acceptedSuggestions, overrideReason, outcomeTimestamp}]}}.
 *
 * <p>Rules, each a 400 naming the field: {@code feedback} is a non-empty array of at most
 * {@value #MAX_ENTRIES}; {@code card} is a UUID (this service issues UUID cards);
 * {@code outcome} is {@code accepted} or {@code overridden}; {@code acceptedSuggestions} is required
 * (non-empty, each {@code {"id": "…"}}) with {@code accepted} and not allowed with
 * {@code overridden}; {@code overrideReason} is allowed only with {@code overridden}, its
 * {@code reason} a Coding with {@code code} and {@code system}; {@code outcomeTimestamp} is an
 * ISO-8601 date-time with an offset ({@code Z} or {@code +01:00}) from 2000-01-01 to 2099-12-31 UTC (a year
 * such as {@code +99999} is refused: no card was acted on then, and such a date would fall outside every
 * summary period; issue 11 item 14). Unknown fields are ignored, as
 * the specification reserves {@code extension} and may add fields.
 *
 * <p>{@code userComment} is free text: it is cut to {@value #MAX_COMMENT_CHARS} characters
 * (code points) rather than refused, so a long comment does not lose the feedback it belongs to;
 * {@link #truncatedComments()} counts how many were cut.
 *
 * @param entries           the feedback, in request order
 * @param truncatedComments how many user comments were cut to {@value #MAX_COMMENT_CHARS} characters
 */
public record FeedbackRequest(List<FeedbackEntry> entries, int truncatedComments) {

    public static final int MAX_ENTRIES = 100;
    public static final int MAX_COMMENT_CHARS = 1_000;
    static final int MAX_ID_CHARS = 128;
    /** The range an {@code outcomeTimestamp} must fall in: from the first instant of 2000 to before 2100. */
    static final Instant EARLIEST_OUTCOME = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST_OUTCOME = Instant.parse("2100-01-01T00:00:00Z");
    static final int MAX_CODE_CHARS = 256;
    static final int MAX_SYSTEM_CHARS = 1_024;

    private static final ObjectMapper JSON = org.backcheck.service.Json.MAPPER;
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public FeedbackRequest {
        entries = List.copyOf(entries);
    }

    /**
     * Parses and validates a request body (UTF-8 JSON).
     *
     * @throws InvalidFeedbackException naming the first offending field
     */
    public static FeedbackRequest parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidFeedbackException("", "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidFeedbackException("", "the body could not be read as JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidFeedbackException("", "the body must be a JSON object {\"feedback\": [...]}");
        }
        JsonNode list = root.get("feedback");
        if (list == null || list.isNull()) {
            throw new InvalidFeedbackException("feedback", "required");
        }
        if (!list.isArray()) {
            throw new InvalidFeedbackException("feedback", "must be an array");
        }
        if (list.isEmpty()) {
            throw new InvalidFeedbackException("feedback", "must not be empty");
        }
        if (list.size() > MAX_ENTRIES) {
            throw new InvalidFeedbackException("feedback", "has " + list.size() + " elements; at most " + MAX_ENTRIES
                    + " per request");
        }
        List<FeedbackEntry> entries = new ArrayList<>(list.size());
        int truncated = 0;
        for (int i = 0; i < list.size(); i++) {
            String at = "feedback[" + i + "]";
            JsonNode f = list.get(i);
            if (!f.isObject()) {
                throw new InvalidFeedbackException(at, "must be an object");
            }
            UUID card = uuid(f, at + ".card");
            String outcomeText = requiredString(f, at, "outcome", 32);
            Outcome outcome = Outcome.of(outcomeText);
            if (outcome == null) {
                throw new InvalidFeedbackException(at + ".outcome", "must be \"accepted\" or \"overridden\", not \""
                        + outcomeText + "\"");
            }
            List<String> accepted = acceptedSuggestions(f, at, outcome);
            Coding reason = null;
            String comment = null;
            JsonNode override = f.get("overrideReason");
            if (override != null && !override.isNull()) {
                if (outcome != Outcome.OVERRIDDEN) {
                    throw new InvalidFeedbackException(at + ".overrideReason", "allowed only with outcome \"overridden\"");
                }
                if (!override.isObject()) {
                    throw new InvalidFeedbackException(at + ".overrideReason", "must be an object {reason, userComment}");
                }
                reason = coding(override.get("reason"), at + ".overrideReason.reason");
                String c = optionalString(override, at + ".overrideReason", "userComment", Integer.MAX_VALUE);
                if (c != null && c.codePointCount(0, c.length()) > MAX_COMMENT_CHARS) {
                    c = c.substring(0, c.offsetByCodePoints(0, MAX_COMMENT_CHARS));
                    truncated++;
                }
                comment = c;
            }
            Instant when = timestamp(f, at);
            entries.add(new FeedbackEntry(card, outcome, accepted, reason, comment, when));
        }
        return new FeedbackRequest(entries, truncated);
    }

    private static List<String> acceptedSuggestions(JsonNode f, String at, Outcome outcome) {
        JsonNode list = f.get("acceptedSuggestions");
        String field = at + ".acceptedSuggestions";
        if (outcome == Outcome.OVERRIDDEN) {
            if (list != null && !list.isNull()) {
                throw new InvalidFeedbackException(field, "allowed only with outcome \"accepted\"");
            }
            return List.of();
        }
        if (list == null || list.isNull()) {
            throw new InvalidFeedbackException(field, "required with outcome \"accepted\"");
        }
        if (!list.isArray() || list.isEmpty()) {
            throw new InvalidFeedbackException(field, "must be a non-empty array of {\"id\": \"<suggestion uuid>\"}");
        }
        List<String> ids = new ArrayList<>();
        for (int j = 0; j < list.size(); j++) {
            JsonNode s = list.get(j);
            if (!s.isObject()) {
                throw new InvalidFeedbackException(field + "[" + j + "]", "must be an object {\"id\": \"…\"}");
            }
            ids.add(requiredString(s, field + "[" + j + "]", "id", MAX_ID_CHARS));
        }
        return ids;
    }

    private static Coding coding(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidFeedbackException(at, "must be a Coding object {code, system, display}");
        }
        return new Coding(requiredString(node, at, "code", MAX_CODE_CHARS),
                requiredString(node, at, "system", MAX_SYSTEM_CHARS),
                optionalString(node, at, "display", MAX_SYSTEM_CHARS));
    }

    private static UUID uuid(JsonNode f, String field) {
        String text = requiredString(f, field.substring(0, field.lastIndexOf('.')), "card", 36 + 1);
        if (!UUID_TEXT.matcher(text).matches()) {
            throw new InvalidFeedbackException(field, "must be the card's uuid (e.g. 4e0a3a1e-3283-4575-ab82-028d55fe2719)");
        }
        return UUID.fromString(text);
    }

    private static Instant timestamp(JsonNode f, String at) {
        String field = at + ".outcomeTimestamp";
        String text = requiredString(f, at, "outcomeTimestamp", 64);
        Instant when;
        try {
            when = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidFeedbackException(field, "must be an ISO-8601 date-time with an offset, e.g. "
                    + "2020-12-11T00:00:00Z; got \"" + text + "\"");
        }
        if (when.isBefore(EARLIEST_OUTCOME) || !when.isBefore(LATEST_OUTCOME)) {
            throw new InvalidFeedbackException(field, "must be between 2000-01-01 and 2099-12-31 (UTC); got \"" + text
                    + "\". Send the time the clinician acted on the card.");
        }
        return when;
    }

    private static String requiredString(JsonNode parent, String at, String name, int maxChars) {
        String v = optionalString(parent, at, name, maxChars);
        if (v == null) {
            throw new InvalidFeedbackException(at + "." + name, "required");
        }
        return v;
    }

    private static String optionalString(JsonNode parent, String at, String name, int maxChars) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        String field = at + "." + name;
        if (!v.isTextual()) {
            throw new InvalidFeedbackException(field, "must be a string");
        }
        String s = v.asText();
        if (s.isBlank() && !name.equals("userComment")) {
            throw new InvalidFeedbackException(field, "must not be empty");
        }
        if (s.length() > maxChars) {
            throw new InvalidFeedbackException(field, "longer than " + maxChars + " characters");
        }
        return s;
    }
}
