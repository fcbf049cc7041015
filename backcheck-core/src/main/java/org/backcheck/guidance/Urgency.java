package org.backcheck.guidance;

import java.util.Locale;

/** How soon imaging or referral should happen when it is recommended. */
public enum Urgency {
    /** Now: emergency referral and MRI (GIRFT suspected cauda equina pathway: within hours of the request). */
    EMERGENCY,
    /** The same day: suspected infection or a significant injury. */
    SAME_DAY,
    /** Urgent, within days: suspected cancer or fragility fracture, through the local urgent pathway. */
    URGENT,
    /** Routine: referral or test without urgency. */
    ROUTINE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
