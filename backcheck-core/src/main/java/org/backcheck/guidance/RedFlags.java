package org.backcheck.guidance;

import java.util.Map;

/** Backcheck's red-flag vocabulary, from {@code red-flags.csv}. */
public final class RedFlags {

    private RedFlags() {
    }

    /** Every red flag by id, in the order of the data file (grouped by pathology). */
    public static Map<String, RedFlag> vocabulary() {
        return GuidanceText.get().redFlags;
    }

    /** Every source Backcheck cites, by id. */
    public static Map<String, Source> sources() {
        return GuidanceText.get().sources;
    }
}
