package org.backcheck.guidance;

import java.util.Objects;

/** Where a statement comes from: a source id from {@code sources.csv} and the place in it (e.g. "1.1.4"). */
public record Citation(String source, String locator) {
    public Citation {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(locator, "locator");
    }

    @Override
    public String toString() {
        return source + " " + locator;
    }
}
