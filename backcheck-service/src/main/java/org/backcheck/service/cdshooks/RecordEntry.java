package org.backcheck.service.cdshooks;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One thing read from the record: an order's reason, a condition on the problem list, a note.
 *
 * @param source   where it was found
 * @param shown    its words as the record gives them (display or text), for the card; never logged
 * @param current  false for a condition recorded as resolved, inactive or in remission
 * @param readings what each of its codes and the text net made of it (never empty)
 */
record RecordEntry(Source source, String shown, boolean current, List<Reading> readings) {

    /** Where in the record an entry was found. */
    enum Source {
        ORDER_REASON("the order's reason"),
        ORDER_NOTE("a note on the order"),
        PROBLEM_LIST("the problem list");

        final String words;

        Source(String words) {
            this.words = words;
        }
    }

    RecordEntry {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(shown, "shown");
        readings = List.copyOf(readings);
        if (readings.isEmpty()) {
            throw new IllegalArgumentException("an entry has at least one reading");
        }
    }

    /**
     * What the entry means: the most serious of its readings that Backcheck could classify (two
     * codings of one condition are two names for it; the text net never lowers a reading); when none
     * could be classified, unclassified.
     */
    Reading verdict() {
        return readings.stream().filter(r -> r.grade() != Grade.UNCLASSIFIED)
                .min(Comparator.comparing(Reading::grade))
                .orElse(readings.get(0));
    }

    Grade grade() {
        return verdict().grade();
    }

    /** A past cancer is still a cancer red flag (history of cancer); anything else past is not counted. */
    boolean counts() {
        return current || grade() == Grade.RED_FLAG && "history_of_cancer".equals(verdict().means())
                || grade() == Grade.UNCLASSIFIED;
    }
}
