package org.backcheck.guidance;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One person's presentation, as the clinician records it. The same model serves the library, the
 * CLI, the REST API and the web page (JSON in snake_case: age, duration_weeks, sciatica, setting,
 * result_would_change_management, red_flags, spa_features, hla_b27, onset_age, start_back).
 *
 * @param age                          years, required
 * @param durationWeeks                how long this episode has lasted, required
 * @param resultWouldChangeManagement  specialist setting only: would an imaging result change management? (null: not said)
 * @param redFlags                     red flag ids from {@link RedFlags#vocabulary()}
 * @param onsetAge                     age when the back pain started, or null (then age less duration)
 * @param startBack                    the STarT Back answers, or null when the tool was not used
 */
public record AssessmentRequest(int age, int durationWeeks, boolean sciatica, Setting setting,
                                Boolean resultWouldChangeManagement, Set<String> redFlags, Set<SpaFeature> spaFeatures,
                                HlaB27 hlaB27, Integer onsetAge, StartBackAnswers startBack) {

    public AssessmentRequest {
        if (age < 0 || age > 125) {
            throw new InvalidAssessmentException("age", "must be between 0 and 125 years, not " + age);
        }
        if (durationWeeks < 0 || durationWeeks > 52 * 100) {
            throw new InvalidAssessmentException("duration_weeks", "must be between 0 and 5200 weeks, not " + durationWeeks);
        }
        setting = setting == null ? Setting.NON_SPECIALIST : setting;
        if (resultWouldChangeManagement != null && setting != Setting.SPECIALIST) {
            throw new InvalidAssessmentException("result_would_change_management",
                    "applies only to a specialist setting (set setting to specialist, or leave it out)");
        }
        redFlags = Collections.unmodifiableSet(new LinkedHashSet<>(redFlags == null ? Set.of() : redFlags));
        for (String flag : redFlags) {
            if (!RedFlags.vocabulary().containsKey(flag)) {
                throw new InvalidAssessmentException("red_flags", "unknown red flag '" + flag + "'; valid: "
                        + RedFlags.vocabulary().keySet());
            }
        }
        spaFeatures = spaFeatures == null || spaFeatures.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(spaFeatures));
        hlaB27 = hlaB27 == null ? HlaB27.UNKNOWN : hlaB27;
        if (onsetAge != null && (onsetAge < 0 || onsetAge > age)) {
            throw new InvalidAssessmentException("onset_age", "must be between 0 and the person's age (" + age + "), not " + onsetAge);
        }
    }

    /** A request with only the two required fields; the rest at their defaults. */
    public static AssessmentRequest of(int age, int durationWeeks) {
        return new AssessmentRequest(age, durationWeeks, false, Setting.NON_SPECIALIST, null, Set.of(), Set.of(),
                HlaB27.UNKNOWN, null, null);
    }

    public AssessmentRequest withRedFlags(String... flags) {
        return new AssessmentRequest(age, durationWeeks, sciatica, setting, resultWouldChangeManagement,
                Set.of(flags), spaFeatures, hlaB27, onsetAge, startBack);
    }

    /** The age the pain began: as given, or the age less the duration in whole years. */
    public int effectiveOnsetAge() {
        return onsetAge != null ? onsetAge : Math.max(0, age - durationWeeks / 52);
    }
}
