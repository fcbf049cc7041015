package org.backcheck.measure;

import java.util.Locale;

/**
 * What a missing (NULL) value in an exclusion field means. The inclusion rule is the same under
 * both: a row with no procedures or no age is never counted.
 */
public enum NullPolicy {
    /**
     * Default. A missing diagnosis is no cancer diagnosis and a missing administrative category is
     * not private: an exclusion applies only when its test is definitely FALSE. Outpatient
     * diagnoses are missing in most HES OP rows, so this is the reading that counts activity.
     */
    CLINICAL,
    /**
     * T-SQL as written: {@code NULL NOT LIKE …} and {@code NULL <> '02'} are UNKNOWN, a WHEN treats
     * UNKNOWN as false, so the row is not counted: an exclusion applies unless its test is TRUE.
     */
    SQL;

    /** The name used on the command line and in outputs. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NullPolicy fromId(String id) {
        for (NullPolicy p : values()) {
            if (p.id().equalsIgnoreCase(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown NULL policy '" + id + "': expected clinical or sql");
    }
}
