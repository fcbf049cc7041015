package org.backcheck.measure;

import java.util.Objects;

/** An interpretation Backcheck makes where the published text is silent or ambiguous. */
public record Note(String id, String text) {
    public Note {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }
}
