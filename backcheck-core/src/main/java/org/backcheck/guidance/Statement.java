package org.backcheck.guidance;

import java.util.List;
import java.util.Objects;

/** One thing Backcheck says (a reason, advice, a safety-net point), in our words, with what it rests on. */
public record Statement(String id, String text, List<Citation> citations) {
    public Statement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        citations = List.copyOf(citations);
        if (citations.isEmpty()) {
            throw new IllegalArgumentException("statement " + id + " cites nothing");
        }
    }
}
