package org.backcheck.guidance;

import java.util.Arrays;
import java.util.Locale;

/**
 * The additional criteria NICE NG65 (section 1.1, referral for suspected axial spondyloarthritis)
 * counts for low back pain that started before 45 and has lasted longer than 3 months.
 */
public enum SpaFeature {
    ONSET_BEFORE_35("back pain began before 35"),
    WAKING_SECOND_HALF_OF_NIGHT("waking in the second half of the night"),
    BUTTOCK_PAIN("buttock pain"),
    IMPROVES_WITH_MOVEMENT("better with movement"),
    NSAID_RESPONSE_WITHIN_48H("better within 48 hours of an NSAID"),
    FIRST_DEGREE_RELATIVE_SPA("a parent, sibling or child with spondyloarthritis"),
    ARTHRITIS("current or past arthritis"),
    ENTHESITIS("current or past enthesitis"),
    PSORIASIS("current or past psoriasis");

    private final String label;

    SpaFeature(String label) {
        this.label = label;
    }

    /** A short description in our words. */
    public String label() {
        return label;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SpaFeature fromId(String id) {
        for (SpaFeature f : values()) {
            if (f.id().equals(id)) {
                return f;
            }
        }
        throw new InvalidAssessmentException("spa_features", "unknown feature '" + id + "'; valid: "
                + Arrays.stream(values()).map(SpaFeature::id).toList());
    }
}
