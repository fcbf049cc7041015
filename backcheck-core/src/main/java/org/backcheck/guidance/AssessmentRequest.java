package org.backcheck.guidance;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One person's presentation, as the clinician records it. The same model serves the library, the
 * CLI, the REST API and the web page (JSON in snake_case: age, duration_weeks, sciatica, setting,
 * result_would_change_management, red_flags, screening, recorded, spa_features, hla_b27, onset_age,
 * start_back).
 *
 * @param age                          years, required
 * @param durationWeeks                how long this episode has lasted, required
 * @param resultWouldChangeManagement  specialist setting only: would an imaging result change management? (null: not said)
 * @param redFlags                     red flag ids from {@link RedFlags#vocabulary()} (red flags and risk factors)
 * @param screening                    the answer for each red-flag group asked about; a group left out was not
 *                                     asked. A group with a red flag ticked, or named by a recorded condition,
 *                                     counts as asked and present whatever is given here.
 * @param recorded                     conditions a coded record names (from a CDS Hooks card's link)
 * @param onsetAge                     age when the back pain started, or null (then inferred from age and duration where certain)
 * @param startBack                    the STarT Back answers, or null when the tool was not used
 */
public record AssessmentRequest(int age, int durationWeeks, boolean sciatica, Setting setting,
                                Boolean resultWouldChangeManagement, Set<String> redFlags,
                                Map<Pathology, ScreeningAnswer> screening, List<RecordedCondition> recorded,
                                Set<SpaFeature> spaFeatures, HlaB27 hlaB27, Integer onsetAge, StartBackAnswers startBack) {

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
        screening = screening == null || screening.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(screening));
        recorded = recorded == null ? List.of() : List.copyOf(recorded);
        for (Map.Entry<Pathology, ScreeningAnswer> e : screening.entrySet()) {
            Pathology group = e.getKey();
            boolean flagged = hasRedFlagIn(group, redFlags)
                    || recorded.stream().anyMatch(c -> c.pathology() == group && !c.isRiskFactor());
            if (e.getValue() == ScreeningAnswer.ABSENT && flagged) {
                throw new InvalidAssessmentException("screening." + group.id(), "is absent, but a red flag of that group "
                        + "is ticked or recorded; untick it or answer present");
            }
            if (e.getValue() == ScreeningAnswer.PRESENT && !flagged) {
                throw new InvalidAssessmentException("screening." + group.id(), "is present: tick which red flag");
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

    /** A request without screening answers or recorded conditions: every red-flag group counts as not asked. */
    public AssessmentRequest(int age, int durationWeeks, boolean sciatica, Setting setting,
                             Boolean resultWouldChangeManagement, Set<String> redFlags, Set<SpaFeature> spaFeatures,
                             HlaB27 hlaB27, Integer onsetAge, StartBackAnswers startBack) {
        this(age, durationWeeks, sciatica, setting, resultWouldChangeManagement, redFlags, Map.of(), List.of(),
                spaFeatures, hlaB27, onsetAge, startBack);
    }

    /** A request with only the two required fields; the rest at their defaults (no group asked). */
    public static AssessmentRequest of(int age, int durationWeeks) {
        return new AssessmentRequest(age, durationWeeks, false, Setting.NON_SPECIALIST, null, Set.of(), Set.of(),
                HlaB27.UNKNOWN, null, null);
    }

    public AssessmentRequest withRedFlags(String... flags) {
        return new AssessmentRequest(age, durationWeeks, sciatica, setting, resultWouldChangeManagement,
                Set.of(flags), screening, recorded, spaFeatures, hlaB27, onsetAge, startBack);
    }

    /** The same request with every red-flag group asked: groups without a ticked or recorded flag are absent. */
    public AssessmentRequest screenedFully() {
        Map<Pathology, ScreeningAnswer> all = new EnumMap<>(Pathology.class);
        for (Pathology p : Pathology.values()) {
            all.put(p, answer(p) == ScreeningAnswer.PRESENT ? ScreeningAnswer.PRESENT : ScreeningAnswer.ABSENT);
        }
        return new AssessmentRequest(age, durationWeeks, sciatica, setting, resultWouldChangeManagement,
                redFlags, all, recorded, spaFeatures, hlaB27, onsetAge, startBack);
    }

    /** The same request with these conditions from a coded record. */
    public AssessmentRequest withRecorded(List<RecordedCondition> conditions) {
        return new AssessmentRequest(age, durationWeeks, sciatica, setting, resultWouldChangeManagement,
                redFlags, screening, conditions, spaFeatures, hlaB27, onsetAge, startBack);
    }

    /**
     * What is known of one group: present when a red flag of it is ticked or a recorded condition
     * names it (risk factors do not make a group present), else the clinician's answer, else not asked.
     */
    public ScreeningAnswer answer(Pathology group) {
        if (hasRedFlagIn(group, redFlags) || recorded.stream().anyMatch(c -> c.pathology() == group && !c.isRiskFactor())) {
            return ScreeningAnswer.PRESENT;
        }
        return screening.getOrDefault(group, ScreeningAnswer.NOT_ASKED);
    }

    /** The groups not asked about, in the order of {@link Pathology}. */
    public List<Pathology> notAsked() {
        return java.util.Arrays.stream(Pathology.values()).filter(p -> answer(p) == ScreeningAnswer.NOT_ASKED).toList();
    }

    private static boolean hasRedFlagIn(Pathology group, Set<String> flags) {
        for (String id : flags) {
            RedFlag flag = RedFlags.vocabulary().get(id);
            if (flag != null && flag.pathology() == group && !flag.isRiskFactor()) {
                return true;
            }
        }
        return false;
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
