package org.backcheck.guidance;

import java.util.Objects;

/** A document Backcheck's statements rest on. */
public record Source(String id, String title, String publisher, String year, String url) {
    public Source {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
    }
}
