package org.backcheck.measure;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named part of a measure, so that tests and docs can cite it: a part of the WHEN condition, an
 * exclusion, or an interpretation (a {@link Note}). Declared in the {@code .measure} file by
 * {@code clause ID when TEXT}, {@code clause ID exclusion NAME} or {@code clause ID note NOTE}; the
 * parser checks that what a clause names is there, so the published text itself is never edited.
 */
public sealed interface Clause {

    /** Upper case letters and digits, starting with a letter ("W1", "AGE", "X2"). */
    Pattern ID = Pattern.compile("[A-Z][A-Z0-9]*");

    String id();

    /** A part of the WHEN condition: a node of {@link Measure#when()}, equal to it as parsed. */
    record WhenPart(String id, Condition condition) implements Clause {
        public WhenPart {
            checkId(id);
            Objects.requireNonNull(condition, "condition");
        }
    }

    /** One published exclusion. */
    record ExclusionPart(String id, Exclusion exclusion) implements Clause {
        public ExclusionPart {
            checkId(id);
            Objects.requireNonNull(exclusion, "exclusion");
        }
    }

    /** One of Backcheck's interpretations of the text, such as how a NULL reads. */
    record NotePart(String id, Note note) implements Clause {
        public NotePart {
            checkId(id);
            Objects.requireNonNull(note, "note");
        }
    }

    private static void checkId(String id) {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a clause id is upper case letters and digits: " + id);
        }
    }
}
