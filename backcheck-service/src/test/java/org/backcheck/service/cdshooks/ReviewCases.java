package org.backcheck.service.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Several cases in one review test: every case is checked and every failing one is named, so one
 * failure does not hide the others. Shared by the independent reviews' case classes.
 */
final class ReviewCases {

    private final List<String> failed = new ArrayList<>();
    private int checked;

    /** The card is not a warning and offers no suggestion. */
    void noWarning(JsonNode card, String what) {
        checked++;
        if (card.get("indicator").asText().equals("warning") || card.has("suggestions")) {
            failed.add(what);
        }
    }

    /** The card is the warning. */
    void warning(JsonNode card, String what) {
        checked++;
        if (!card.get("indicator").asText().equals("warning")) {
            failed.add(what);
        }
    }

    /** As {@link #noWarning(JsonNode, String)}; a call that throws is a failed case too. */
    void noWarning(HookCall call, String what) {
        JsonNode card = answer(call, what);
        if (card != null) {
            noWarning(card, what);
        }
    }

    /** As {@link #warning(JsonNode, String)}; a call that throws is a failed case too. */
    void warning(HookCall call, String what) {
        JsonNode card = answer(call, what);
        if (card != null) {
            warning(card, what);
        }
    }

    /** Answered with a card, not an error (the benign record may then get the warning). */
    void answered(HookCall call, String what) {
        JsonNode card = answer(call, what);
        if (card != null) {
            checked++;
            if (!card.has("indicator")) {
                failed.add(what + " (no indicator)");
            }
        }
    }

    /** The card, or null (the case counted as failed) when the call throws. */
    private JsonNode answer(HookCall call, String what) {
        try {
            return call.card();
        } catch (RuntimeException e) {
            checked++;
            failed.add(what + " (threw " + e + ")");
            return null;
        }
    }

    void verify() {
        assertThat(failed).as(failed.size() + " of " + checked + " cases failed").isEmpty();
    }
}
