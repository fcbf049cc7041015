package org.backcheck.guidance;

import java.util.Locale;

/** Where the person is being assessed. GP direct access is the non-specialist setting of the guidance. */
public enum Setting {
    NON_SPECIALIST,
    SPECIALIST;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Setting fromId(String id) {
        for (Setting s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new InvalidAssessmentException("setting", "must be non_specialist or specialist, not '" + id + "'");
    }
}
