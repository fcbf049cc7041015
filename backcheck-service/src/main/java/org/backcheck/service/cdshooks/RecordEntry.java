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
        OTHER_ORDER("another draft order"),
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
     * What the entry means: the most serious of all its readings, an unclassified coding included
     * (one benign coding must not hide another that Backcheck could not read). A past red flag other
     * than a cancer is a risk factor: it may come back, and the record does not say that it has not.
     */
    Reading verdict() {
        Reading worst = readings.stream().min(Comparator.comparing(Reading::grade)).orElseThrow();
        if (!current && worst.grade() == Grade.RED_FLAG && !isCancer(worst.means())) {
            return new Reading(Grade.RISK_FACTOR, null, "a past " + stripArticle(worst.meaning())
                    + " (recorded as no longer active): ask whether it has come back", worst.label(), worst.basis());
        }
        return worst;
    }

    Grade grade() {
        return verdict().grade();
    }

    /**
     * Counted for the decision: current entries, and past ones that still matter (a cancer, a past
     * red flag, a lasting risk factor, anything unclassified). A past risk factor that only matters
     * while it lasts (a recent infection, an injury) is listed, not counted.
     */
    boolean counts() {
        Grade g = grade();
        if (current || g == Grade.RED_FLAG || g == Grade.UNCLASSIFIED) {
            return true;
        }
        return g == Grade.RISK_FACTOR && !transientRisk();
    }

    private boolean transientRisk() {
        Reading worst = readings.stream().min(Comparator.comparing(Reading::grade)).orElseThrow();
        return worst.grade() == Grade.RISK_FACTOR && ("recent_bacterial_infection".equals(worst.means())
                || worst.label().matches("ICD-10 [ST].*") && !worst.label().startsWith("ICD-10 T91"));
    }

    /** A cancer or neoplasm reading: a past one is still a red flag (history of cancer). */
    static boolean isCancer(String means) {
        return "history_of_cancer".equals(means) || "cancer".equals(means);
    }

    private static String stripArticle(String meaning) {
        return meaning.startsWith("a ") ? meaning.substring(2) : meaning.startsWith("an ") ? meaning.substring(3) : meaning;
    }
}
