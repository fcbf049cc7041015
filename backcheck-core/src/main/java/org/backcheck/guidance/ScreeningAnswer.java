package org.backcheck.guidance;

import java.util.Locale;

/**
 * The clinician's answer for one red-flag group. GIRFT's cauda equina pathway and NICE CKS expect
 * the absence of red flags to be asked and recorded, so "none present" is an answer of its own and
 * differs from "not asked".
 */
public enum ScreeningAnswer {
    /** Asked, and at least one red flag of the group is present (the flags say which). */
    PRESENT,
    /** Asked, and none of the group's red flags is present. */
    ABSENT,
    /** Not asked yet: Backcheck cannot conclude that the group's red flags are absent. */
    NOT_ASKED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ScreeningAnswer fromId(String id, String field) {
        for (ScreeningAnswer a : values()) {
            if (a.id().equals(id)) {
                return a;
            }
        }
        throw new InvalidAssessmentException(field, "must be present, absent or not_asked, not '" + id + "'");
    }
}
