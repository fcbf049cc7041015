package org.backcheck.service.feedback;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;

/** How {@link FeedbackSummary} groups time, always in UTC. */
public enum SummaryPeriod {
    /** {@code 2025-03-01}. */
    DAY,
    /** ISO week, Monday to Sunday: {@code 2025-W09}. */
    WEEK,
    /** {@code 2025-03}. */
    MONTH;

    /** The period's label for a day; labels sort in time order. */
    public String label(LocalDate day) {
        return switch (this) {
            case DAY -> day.toString();
            case WEEK -> String.format(Locale.ROOT, "%d-W%02d",
                    day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> String.format(Locale.ROOT, "%d-%02d", day.getYear(), day.getMonthValue());
        };
    }

    /** The wire value, {@code day}, {@code week} or {@code month}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The period for a query parameter, or null if there is none. */
    public static SummaryPeriod of(String code) {
        for (SummaryPeriod p : values()) {
            if (p.code().equals(code)) {
                return p;
            }
        }
        return null;
    }
}
