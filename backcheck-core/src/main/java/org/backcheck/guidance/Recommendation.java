package org.backcheck.guidance;

import java.util.Locale;

/**
 * What Backcheck recommends, most urgent first: when several findings apply, the one declared
 * first here wins, and all are reported.
 */
public enum Recommendation {
    /** Suspected cauda equina syndrome or cord compression: immediate referral, emergency MRI, never delayed. */
    EMERGENCY_MRI,
    /** Suspected cancer or metastases, infection or fracture: imaging appropriate, with an urgency. */
    IMAGING_INDICATED,
    /**
     * No red flag found, but not every red-flag group has been asked about: Backcheck lists what is
     * still to ask and never says "no red flags" before the screen is complete.
     */
    SCREENING_INCOMPLETE,
    /**
     * No red flag, but a risk factor (long-term corticosteroids, osteoporosis, diabetes) or age over
     * 50 with pain not settling: assess further for a serious cause; no scan on this alone.
     */
    ASSESS_FURTHER,
    /** NICE NG65 referral criteria for suspected axial spondyloarthritis met. */
    REFER_RHEUMATOLOGY,
    /** Exactly three NG65 criteria and HLA-B27 status unknown: test, refer if positive. */
    HLA_B27_TEST,
    /** Specialist setting, no red flags: image only if the result would change management. */
    SPECIALIST_IMAGING_IF_CHANGES_MANAGEMENT,
    /** Non-specialist setting, no red flags: do not image. */
    NO_IMAGING,
    /** Under 19: the EBI guidance covers adults; where to look instead is given. */
    OUT_OF_SCOPE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
