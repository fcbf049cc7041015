package org.backcheck.guidance;

import java.util.Locale;
import java.util.Objects;

/**
 * The nine answers of the Keele STarT Back Tool, by item topic (the item wording belongs to Keele
 * University). Items 1 to 8 are agree (true) or disagree (false); item 9 is how bothersome the
 * back pain has been in the last two weeks.
 */
public record StartBackAnswers(boolean legPain, boolean shoulderNeckPain, boolean walking, boolean dressing,
                               boolean fear, boolean worry, boolean catastrophising, boolean lowMood,
                               Bothersomeness bothersomeness) {

    public StartBackAnswers {
        Objects.requireNonNull(bothersomeness, "bothersomeness");
    }

    /** Item 9's answer. */
    public enum Bothersomeness {
        NOT_AT_ALL, SLIGHTLY, MODERATELY, VERY_MUCH, EXTREMELY;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Bothersomeness fromId(String id) {
            for (Bothersomeness b : values()) {
                if (b.id().equals(id)) {
                    return b;
                }
            }
            throw new InvalidAssessmentException("start_back.bothersomeness",
                    "must be not_at_all, slightly, moderately, very_much or extremely, not '" + id + "'");
        }
    }
}
