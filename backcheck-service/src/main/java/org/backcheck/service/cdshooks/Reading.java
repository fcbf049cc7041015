package org.backcheck.service.cdshooks;

import java.util.Objects;

/**
 * What Backcheck makes of one coding or one piece of text in the record.
 *
 * @param grade   what it means for the imaging decision
 * @param means   the engine's red-flag or pathology id it stands for (see {@code icd10-red-flags.csv}), or null
 * @param meaning Backcheck's words for it ("a malignant neoplasm (cancer), at any site and at any time")
 * @param label   how the code is shown: "ICD-10 C50.9", "SNOMED CT 254837009"; "text" for the text net
 * @param basis   how it was read: "ICD-10 range C00-C99", "Backcheck's SNOMED CT list", "the word 'metastatic'"
 * @param fromDisplay true when the words of a recognised code's display, not the code, gave this reading
 */
record Reading(Grade grade, String means, String meaning, String label, String basis, boolean fromDisplay) {

    Reading(Grade grade, String means, String meaning, String label, String basis) {
        this(grade, means, meaning, label, basis, false);
    }

    Reading {
        Objects.requireNonNull(grade, "grade");
        Objects.requireNonNull(meaning, "meaning");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(basis, "basis");
    }

    static Reading unclassified(String label, String why) {
        return new Reading(Grade.UNCLASSIFIED, null, why, label, why);
    }

    /** True when the reading came from words rather than a code. */
    boolean fromText() {
        return label.equals(TextNet.LABEL);
    }

    /** True when words gave this reading: free text, or a recognised code's display. */
    boolean fromWords() {
        return fromText() || fromDisplay;
    }
}
