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
 * @param onsetAge                     age when the back pain started, or null (then inferred from age and duration where certain)
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
        if (onsetAge != null && onsetAge >= 35 && spaFeatures.contains(SpaFeature.ONSET_BEFORE_35)) {
            throw new InvalidAssessmentException("spa_features",
                    "onset_before_35 contradicts onset_age " + onsetAge + "; correct one of them");
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

    /**
     * True when the pain surely began before {@code years} of age: by the onset age if given,
     * else because even the latest possible onset (birthday just missed) was younger.
     */
    public boolean onsetCertainlyBefore(int years) {
        return onsetAge != null ? onsetAge < years : age + 1 - durationWeeks / 52.0 <= years;
    }

    /** True when the pain surely began at {@code years} of age or later. */
    public boolean onsetCertainlyNotBefore(int years) {
        return onsetAge != null ? onsetAge >= years : age - durationWeeks / 52.0 >= years;
    }
}
