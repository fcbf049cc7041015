package org.backcheck.guidance;

import java.util.List;
import java.util.Objects;

/** A red flag in Backcheck's vocabulary: the pathology it points to, a label, and its sources. */
public record RedFlag(String id, Pathology pathology, String label, List<Citation> citations) {
    public RedFlag {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pathology, "pathology");
        Objects.requireNonNull(label, "label");
        citations = List.copyOf(citations);
    }
}
