package org.backcheck.classify;

import java.util.Locale;

/** The one status every data row of an extract gets. */
public enum Status {
    /** Meets the measure and no exclusion applies: this is the activity the measure counts. */
    COUNTED,
    /** Meets the inclusion criteria, but at least one exclusion applies. */
    EXCLUDED,
    /** Does not meet the inclusion criteria (procedure codes or age). */
    UNMATCHED,
    /** A field the measure needs cannot be read, e.g. an age that is not a whole number. */
    REJECTED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
