package org.backcheck.service.cdshooks;

import java.util.Locale;

/**
 * What one coding or one piece of text means for the imaging decision, most serious first (the
 * declaration order is the order of seriousness: where two readings of the same thing disagree,
 * the earlier one wins).
 */
enum Grade {
    /** Names a serious cause, or a red-flag feature. */
    RED_FLAG,
    /**
     * Raises the chance of a serious cause, or takes the decision out of the simple no-imaging path
     * (inflammatory disease, a known spinal lesion, drug use of unknown route). Never a suggestion
     * to cancel: the record cannot show the features that would go with it.
     */
    RISK_FACTOR,
    /** Could not be classified: an unknown code system, an invalid code, a concept not on the lists. */
    UNCLASSIFIED,
    /** Nerve-root pain. */
    SCIATICA,
    /** Recognised and shown, changes nothing (diabetes, inhaled steroids). */
    NOTED,
    /** Recognised, and not a red flag for this decision. */
    NOT_RED_FLAG;

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Grade fromId(String id) {
        for (Grade g : values()) {
            if (g.id().equals(id) && g != UNCLASSIFIED) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown grade '" + id + "'");
    }
}
