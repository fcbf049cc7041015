package org.backcheck.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.backcheck.classify.Status;

/**
 * The audit's rows counted by organisation, month of appointment and age band, per status: the
 * figures the report is built from, gathered in the same pass that classifies the rows (the
 * extract is read once). Every row read is in exactly one provider cell and one commissioner cell,
 * so each list adds up to the run's status counts.
 *
 * @param hasProvider     whether the extract has {@code Der_Provider_Code} (else all rows are "unknown")
 * @param hasCommissioner whether the extract has {@code Der_Commissioner_Code}
 * @param hasDate         whether the extract has {@code Appointment_Date} (else every month is "unknown")
 * @param providers       cells by provider, month, age band; only non-empty cells, sorted
 * @param commissioners   cells by commissioner, month, age band; only non-empty cells, sorted
 * @param hasSpecialty    whether the extract has {@code Treatment_Function_Code}
 * @param specialties     cells by treatment function code (in {@link Cell#organisation}), month, age band; only
 *                        non-empty cells, sorted; empty without the column
 */
public record Activity(boolean hasProvider, boolean hasCommissioner, boolean hasDate, List<Cell> providers,
                       List<Cell> commissioners, boolean hasSpecialty, List<Cell> specialties) {

    /** Statuses in a tally's cell: the stride of its age bands. */
    public static final int STATUSES = Status.values().length;

    public Activity {
        providers = List.copyOf(providers);
        commissioners = List.copyOf(commissioners);
        specialties = List.copyOf(specialties);
    }

    /** Activity of an extract without a treatment function column. */
    public Activity(boolean hasProvider, boolean hasCommissioner, boolean hasDate, List<Cell> providers,
                    List<Cell> commissioners) {
        this(hasProvider, hasCommissioner, hasDate, providers, commissioners, false, List.of());
    }

    /** Rows of one organisation in one month and age band, by status. */
    public record Cell(String organisation, String month, AgeBand ageBand, long counted, long excluded,
                       long unmatched, long rejected) {
        /** Every row of the cell, whatever its status: the denominator of a rate. */
        public long rows() {
            return counted + excluded + unmatched + rejected;
        }

        /** Adds this cell's counts into {@code byStatus}, indexed by {@link Status} ordinal. */
        public void addTo(long[] byStatus) {
            byStatus[Status.COUNTED.ordinal()] += counted;
            byStatus[Status.EXCLUDED.ordinal()] += excluded;
            byStatus[Status.UNMATCHED.ordinal()] += unmatched;
            byStatus[Status.REJECTED.ordinal()] += rejected;
        }
    }

    /**
     * Cells from merged tallies, as both engines keep them: organisation to month label to counts
     * indexed {@code ageBand.ordinal() * STATUSES + status.ordinal()}. Cells with no rows are left out;
     * the order is the maps' (sorted, when they are sorted maps).
     */
    public static List<Cell> cells(Map<String, Map<String, long[]>> tallied) {
        List<Cell> out = new ArrayList<>();
        AgeBand[] bands = AgeBand.values();
        tallied.forEach((org, months) -> months.forEach((month, c) -> {
            for (AgeBand band : bands) {
                int at = band.ordinal() * STATUSES;
                long counted = c[at + Status.COUNTED.ordinal()];
                long excluded = c[at + Status.EXCLUDED.ordinal()];
                long unmatched = c[at + Status.UNMATCHED.ordinal()];
                long rejected = c[at + Status.REJECTED.ordinal()];
                if (counted + excluded + unmatched + rejected > 0) {
                    out.add(new Cell(org, month, band, counted, excluded, unmatched, rejected));
                }
            }
        }));
        return out;
    }
}
