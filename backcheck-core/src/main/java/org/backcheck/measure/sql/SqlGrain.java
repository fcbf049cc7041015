package org.backcheck.measure.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.backcheck.extract.SlotLayout;

/**
 * What one row of {@code backcheck sql}'s result is: a row of the extract ({@link #ROW}, the
 * SELECT of {@link MeasureSql}), or a group whose figures are those of the rows of the same
 * {@code grain} in {@code aggregates.csv} before disclosure control.
 */
public enum SqlGrain {
    ROW("row", null, false),
    TOTAL("total", null, false),
    MONTH("month", null, true),
    PROVIDER("provider", Organisation.PROVIDER, false),
    PROVIDER_MONTH("provider_month", Organisation.PROVIDER, true),
    COMMISSIONER("commissioner", Organisation.COMMISSIONER, false),
    COMMISSIONER_MONTH("commissioner_month", Organisation.COMMISSIONER, true);

    /** An organisation column of the extract and the name of its key in aggregates.csv. */
    enum Organisation {
        PROVIDER(SlotLayout.PROVIDER_COLUMN, "provider"),
        COMMISSIONER(SlotLayout.COMMISSIONER_COLUMN, "commissioner");

        final String column;
        final String key;

        Organisation(String column, String key) {
            this.column = column;
            this.key = key;
        }
    }

    /** The month key's name, as in aggregates.csv. */
    static final String MONTH_KEY = "month";

    private final String id;
    private final Organisation organisation;
    private final boolean byMonth;

    SqlGrain(String id, Organisation organisation, boolean byMonth) {
        this.id = id;
        this.organisation = organisation;
        this.byMonth = byMonth;
    }

    /** The name on the command line and in the {@code grain} column: {@code row}, {@code total}, {@code provider_month}... */
    public String id() {
        return id;
    }

    Optional<Organisation> organisation() {
        return Optional.ofNullable(organisation);
    }

    boolean byMonth() {
        return byMonth;
    }

    /** The key columns of a group, in aggregates.csv's order (provider, commissioner, month). */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        organisation().ifPresent(o -> keys.add(o.key));
        if (byMonth) {
            keys.add(MONTH_KEY);
        }
        return keys;
    }

    public static SqlGrain fromId(String id) {
        for (SqlGrain g : values()) {
            if (g.id.equalsIgnoreCase(id)) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown grain '" + id + "': expected " + String.join(", ",
                java.util.Arrays.stream(values()).map(SqlGrain::id).toList()));
    }
}
