package org.backcheck.report;

/**
 * Age bands for the report, read from the age exactly as the measure reads it (the first non-NULL of
 * {@code Age_at_Start_of_Episode_SUS} and {@code Der_Age_at_CDS_Activity_Date}). The measure's own
 * range, 19 to 120, is split into decades so that a reader can see where counted activity falls;
 * ages the measure leaves out stay visible rather than vanish.
 */
public enum AgeBand {
    UNDER_19("0-18"),
    AGE_19_29("19-29"),
    AGE_30_39("30-39"),
    AGE_40_49("40-49"),
    AGE_50_59("50-59"),
    AGE_60_69("60-69"),
    AGE_70_79("70-79"),
    AGE_80_120("80-120"),
    /** Negative ages, and ages over 120 that are not the infant codes 7001 to 7007. */
    OUT_OF_RANGE("other"),
    /** Both ages empty, or the row was rejected. */
    UNKNOWN("unknown");

    private static final AgeBand[] ALL = values();
    private final String label;

    AgeBand(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The band of an age in years; HES/SUS code infants under one year as 7001 to 7007. */
    public static AgeBand of(long age) {
        if (age >= 7001 && age <= 7007) {
            return UNDER_19;
        }
        if (age < 0 || age > 120) {
            return OUT_OF_RANGE;
        }
        if (age < 19) {
            return UNDER_19;
        }
        if (age >= 80) {
            return AGE_80_120;
        }
        if (age <= 29) {
            return AGE_19_29;
        }
        return ALL[(int) (age / 10) - 1]; // 30 → AGE_30_39 (index 2) ... 79 → AGE_70_79 (index 6)
    }

    /** The band with this label, for reading aggregates back. */
    public static AgeBand ofLabel(String label) {
        for (AgeBand b : ALL) {
            if (b.label.equals(label)) {
                return b;
            }
        }
        throw new IllegalArgumentException("no age band " + label);
    }
}
