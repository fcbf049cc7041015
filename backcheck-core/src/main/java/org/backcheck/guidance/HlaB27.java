package org.backcheck.guidance;

import java.util.Locale;

/** Result of an HLA-B27 test, if one has been done. */
public enum HlaB27 {
    POSITIVE,
    NEGATIVE,
    UNKNOWN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static HlaB27 fromId(String id) {
        for (HlaB27 h : values()) {
            if (h.id().equals(id)) {
                return h;
            }
        }
        throw new InvalidAssessmentException("hla_b27", "must be positive, negative or unknown, not '" + id + "'");
    }
}
