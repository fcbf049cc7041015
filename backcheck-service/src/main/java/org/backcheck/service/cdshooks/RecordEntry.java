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
 * @param endedLongAgo a past condition whose recorded end (abatement) is more than {@link #SETTLED_DAYS}
 *                 days before today; false when current or when the record gives no end date
 */
record RecordEntry(Source source, String shown, boolean current, List<Reading> readings, boolean endedLongAgo) {

    /**
     * How long ago a recent infection or a minor injury must have ended, by its recorded date, before
     * it stops counting. CKS names a <em>recent</em> bacterial infection as a risk factor for spinal
     * infection without a period; three months is our conservative reading of "recent" (third
     * independent review, R3-07). Without an end date it always counts.
     */
    static final int SETTLED_DAYS = 90;

    /**
     * Injury codes outside the "third character 2" pattern that are fractures, cord injuries or a
     * dislocated vertebra or ruptured disc at neck or chest level (R4-04, R5-06).
     */
    private static final String NOT_MINOR = "(?:T02|T08|T10|T12|T14\\.2|T06\\.[01]|S13\\.[01]|S23\\.[01]|S49\\.[01]|S59\\.[012]|S79\\.[01]"
            + "|S89\\.[0123]|S99\\.[012]).*";

    /** Where in the record an entry was found. */
    enum Source {
        ORDER_REASON("the order's reason"),
        ORDER_NOTE("a note on the order"),
        OTHER_ORDER("another draft order"),
        ENCOUNTER("the encounter"),
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
        endedLongAgo = endedLongAgo && !current;
    }

    RecordEntry(Source source, String shown, boolean current, List<Reading> readings) {
        this(source, shown, current, readings, false);
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
     * while it lasts (a recent bacterial infection, an injury other than a fracture) is listed, not
     * counted, but only when its recorded end is more than {@link #SETTLED_DAYS} days ago: one that
     * ended last week, or whose end is not dated, is still recent.
     */
    boolean counts() {
        Grade g = grade();
        if (current || g == Grade.RED_FLAG || g == Grade.UNCLASSIFIED) {
            return true;
        }
        return g == Grade.RISK_FACTOR && !transientRisk();
    }

    private boolean transientRisk() {
        if (!endedLongAgo) {
            return false;
        }
        // Every reading that matters must be a transient one from a code: a display or text naming
        // anything else (fourth review R4-01: "Fall - pathological fracture, known myeloma" on S39.9)
        // keeps the entry counted.
        List<Reading> matter = readings.stream().filter(r -> r.grade().compareTo(Grade.RISK_FACTOR) <= 0
                || r.grade() == Grade.UNCLASSIFIED).toList();
        return !matter.isEmpty() && matter.stream().allMatch(r -> r.grade() == Grade.RISK_FACTOR && !r.fromWords()
                && ("recent_bacterial_infection".equals(r.means()) || r.means() == null && minorInjury(r.label())));
    }

    /**
     * An ICD-10 injury code (chapter S, or T00-T14) that is not a fracture or a cord injury: in
     * chapter S the third character 2 marks a fracture (S22, S32, S72...), and ICD-10-CM's physeal
     * fractures and T02, T08, T10, T12 and T14.2 are fractures too; a fragility fracture is a lasting
     * risk factor (osteoporosis). T06.0 and T06.1 involve the spinal cord (fourth review R4-04).
     */
    private static final java.util.regex.Pattern INJURY_LABEL =
            java.util.regex.Pattern.compile("ICD-10(?:-CM)? (?:S\\d\\d|T0\\d|T1[0-4]).*");
    private static final java.util.regex.Pattern NOT_MINOR_CODE = java.util.regex.Pattern.compile(NOT_MINOR);

    private static boolean minorInjury(String label) {
        if (!INJURY_LABEL.matcher(label).matches()) {
            return false;
        }
        String code = label.substring(label.indexOf(' ') + 1);
        return !(code.startsWith("S") && code.charAt(2) == '2') && !NOT_MINOR_CODE.matcher(code).matches();
    }

    /** A cancer or neoplasm reading: a past one is still a red flag (history of cancer). */
    static boolean isCancer(String means) {
        return "history_of_cancer".equals(means) || "cancer".equals(means);
    }

    private static String stripArticle(String meaning) {
        return meaning.startsWith("a ") ? meaning.substring(2) : meaning.startsWith("an ") ? meaning.substring(3) : meaning;
    }
}
