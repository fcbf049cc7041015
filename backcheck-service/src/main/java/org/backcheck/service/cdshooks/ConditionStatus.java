package org.backcheck.service.cdshooks;

import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;

/**
 * What a Condition's statuses and dates say: never there (refuted, entered in error), no longer
 * current, and how long ago it ended. Each reading leans to "still there" when the record is unclear.
 */
final class ConditionStatus {

    /** Clinical statuses that mean "no longer current" (FHIR condition-clinical). */
    static final Set<String> PAST = Set.of("inactive", "remission", "resolved");
    /** Verification statuses that mean the condition was never there (FHIR condition-ver-status). */
    static final Set<String> NEVER = Set.of("refuted", "entered-in-error");
    static final String CLINICAL_STATUS = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    static final String VERIFICATION_STATUS = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

    private ConditionStatus() {
    }

    /**
     * Refuted or entered in error: only when every verification coding in FHIR's own code system (or
     * with no system) says so. A look-alike code from another system, or codings that disagree,
     * leave the condition counted.
     */
    static boolean neverThere(Condition c) {
        List<Coding> codings = c.getVerificationStatus().getCoding();
        if (codings.isEmpty()) {
            return false;
        }
        for (Coding v : codings) {
            boolean fhirs = v.getSystem() == null || VERIFICATION_STATUS.equals(v.getSystem());
            if (!fhirs || v.getCode() == null || !NEVER.contains(v.getCode())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Current unless the clinical status, in FHIR's own code system (or with no system), says
     * inactive, remission or resolved, or, without a clinical status, an abatement is recorded. An
     * unknown status, or codings that disagree, count as current.
     */
    static boolean current(Condition c) {
        List<Coding> clinical = c.getClinicalStatus().getCoding();
        if (clinical.isEmpty()) {
            return !c.hasAbatement();
        }
        for (Coding s : clinical) {
            boolean fhirs = s.getSystem() == null || CLINICAL_STATUS.equals(s.getSystem());
            if (!fhirs || s.getCode() == null || !PAST.contains(s.getCode())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the condition's recorded end (abatementDateTime, or the end of abatementPeriod) is more
     * than {@link RecordEntry#SETTLED_DAYS} days before today. An end given as an age, a range or words,
     * or no end at all, is not long ago: Backcheck cannot tell.
     */
    static boolean endedLongAgo(Condition c, java.time.LocalDate today) {
        if (today == null) {
            return false;
        }
        org.hl7.fhir.r4.model.BaseDateTimeType end = null;
        try {
            if (c.hasAbatementDateTimeType()) {
                end = c.getAbatementDateTimeType();
            } else if (c.hasAbatementPeriod() && c.getAbatementPeriod().hasEnd()) {
                end = c.getAbatementPeriod().getEndElement();
            }
        } catch (org.hl7.fhir.exceptions.FHIRException wrongType) {
            return false;
        }
        String written = end == null ? null : end.getValueAsString();
        if (written == null || written.length() < 4) {
            return false;
        }
        // The date as written; a partial one ("2026", "2026-10") is taken at its latest, the end of that
        // year or month; a time of day and its zone are ignored, and one more day allows for them.
        java.time.LocalDate ended;
        try {
            ended = written.length() >= 10 ? java.time.LocalDate.parse(written.substring(0, 10)).plusDays(1)
                    : written.length() >= 7 ? java.time.YearMonth.parse(written.substring(0, 7)).atEndOfMonth()
                    : java.time.Year.parse(written.substring(0, 4)).atMonthDay(java.time.MonthDay.of(12, 31));
        } catch (java.time.DateTimeException unreadable) {
            return false;
        }
        return ended.isBefore(today.minusDays(RecordEntry.SETTLED_DAYS));
    }
}
