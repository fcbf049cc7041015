package org.backcheck.guidance;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the red-flag screen found, group by group: present, absent (asked, none present) or not
 * asked. The screen is complete when every group has been asked; only then can Backcheck say that
 * there are no red flags.
 */
public record Screening(Map<Pathology, ScreeningAnswer> answers) {

    public Screening {
        if (answers.size() != Pathology.values().length) {
            throw new IllegalArgumentException("a screening answers every group");
        }
        answers = Collections.unmodifiableMap(new EnumMap<>(answers));
    }

    static Screening of(AssessmentRequest r) {
        Map<Pathology, ScreeningAnswer> answers = new EnumMap<>(Pathology.class);
        for (Pathology p : Pathology.values()) {
            answers.put(p, r.answer(p));
        }
        return new Screening(answers);
    }

    public boolean complete() {
        return !answers.containsValue(ScreeningAnswer.NOT_ASKED);
    }

    /** The groups not asked, in the order of {@link Pathology}. */
    public List<Pathology> notAsked() {
        return answers.entrySet().stream().filter(e -> e.getValue() == ScreeningAnswer.NOT_ASKED).map(Map.Entry::getKey).toList();
    }
}
